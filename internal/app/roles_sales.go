package app

import (
	"slices"

	"ecomops/internal/iam"
)

// salesGrants are the catalog and sales permissions of the seed roles:
// operations staff read, export and import the orders of their shops and
// match listings; ads read orders and traffic; customer service reads
// orders and customers and may reveal a receiver (audited); the warehouse
// reads orders. Data scope (assigned shops) still limits what they see.
var salesGrants = map[string][]string{
	RoleManager: {"catalog:product:read", "catalog:product:create", "catalog:product:update", "catalog:product:export",
		"catalog:sku:read", "catalog:sku:create", "catalog:sku:update", "catalog:sku:export", "catalog:listing:read", "catalog:listing:update",
		"sales:order:read", "sales:order:export", "sales:customer:read", "sales:import:read", "sales:import:create", "sales:traffic:read"},
	RoleOps: {"catalog:product:read", "catalog:sku:read", "catalog:listing:read", "catalog:listing:update",
		"sales:order:read", "sales:order:export", "sales:customer:read", "sales:import:read", "sales:import:create", "sales:traffic:read"},
	RoleAds:       {"catalog:product:read", "catalog:sku:read", "sales:order:read", "sales:traffic:read"},
	RoleCS:        {"sales:order:read", "sales:customer:read", "pii:reveal"},
	RoleWarehouse: {"catalog:product:read", "catalog:sku:read", "sales:order:read"},
}

func withSalesGrants(roles []iam.SeedRole) []iam.SeedRole {
	for i := range roles {
		for _, p := range salesGrants[roles[i].Code] {
			if !slices.Contains(roles[i].Permissions, p) {
				roles[i].Permissions = append(roles[i].Permissions, p)
			}
		}
	}
	return roles
}

// salesMenu is the sales section of the sidebar.
func salesMenu() iam.MenuItem {
	return iam.MenuItem{Key: "sales", Path: "/sales", Icon: "ShoppingCart", Children: []iam.MenuItem{
		{Key: "orders", Path: "/sales/orders", Perm: "sales:order:read"},
		{Key: "imports", Path: "/sales/imports", Perm: "sales:import:read"},
		{Key: "listings", Path: "/sales/listings", Perm: "catalog:listing:read"},
		{Key: "products", Path: "/sales/products", Perm: "catalog:product:read"},
		{Key: "skus", Path: "/sales/skus", Perm: "catalog:sku:read"},
		{Key: "customers", Path: "/sales/customers", Perm: "sales:customer:read"},
		{Key: "traffic", Path: "/sales/traffic", Perm: "sales:traffic:read"},
	}}
}
