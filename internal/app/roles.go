package app

import (
	"slices"

	"ecomops/internal/assessment"
	"ecomops/internal/audit"
	catalogsvc "ecomops/internal/catalog"
	"ecomops/internal/fulfilment"
	"ecomops/internal/iam"
	"ecomops/internal/learning"
	"ecomops/internal/metrics"
	"ecomops/internal/org"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/notify"
	"ecomops/internal/sales"
	"ecomops/internal/system"
	"ecomops/internal/training"
)

// catalog is every permission the application declares, module by module.
// A module added later appends its Permissions here.
func catalog() []string {
	var all []string
	for _, ps := range [][]string{system.Permissions, iam.Permissions, org.Permissions, audit.Permissions, fulfilment.Permissions, notify.Permissions, metrics.Permissions, catalogsvc.Permissions, sales.Permissions, training.Permissions, learning.Permissions, assessment.Permissions} {
		all = append(all, ps...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// Role codes of the built-in roles.
const (
	RoleAdmin     = "admin"
	RoleManager   = "ops_manager"
	RoleOps       = "ops"
	RoleAds       = "ads"
	RoleCS        = "cs"
	RoleWarehouse = "warehouse"
	RoleTrainer   = "trainer"
	RoleHR        = "hr"
	RoleLearner   = "learner"
)

var orgRead = []string{"org:department:read", "org:position:read", "org:employee:read", "org:shop:read"}

// seedRoles are the built-in roles of REQUIREMENTS G2. Later modules add
// their permissions to these lists.
func seedRoles() []iam.SeedRole { return withSalesGrants(baseSeedRoles()) }

// baseSeedRoles are the built-in roles before the grants modules add in
// their own files (roles_sales.go).
func baseSeedRoles() []iam.SeedRole {
	all := catalog()
	return withAssessmentGrants(withLearningGrants(withTrainingGrants([]iam.SeedRole{
		{Code: RoleAdmin, Name: "系统管理员", NameEN: "System administrator", Scope: auth.ScopeAll, Permissions: all},
		{Code: RoleManager, Name: "运营经理", NameEN: "Operations manager", Scope: auth.ScopeDeptAndBelow,
			Permissions: append(slices.Clone(orgRead), "org:employee:export", "org:shop:update", "org:shop:export",
				"fulfilment:queue:read", "fulfilment:queue:export", "metrics:kpi:read", "metrics:kpi:export")},
		{Code: RoleOps, Name: "运营专员", NameEN: "Operations specialist", Scope: auth.ScopeShops, Permissions: []string{"org:shop:read", "org:employee:read",
			"metrics:kpi:read", "metrics:kpi:export"}},
		{Code: RoleAds, Name: "推广专员", NameEN: "Advertising specialist", Scope: auth.ScopeShops, Permissions: []string{"org:shop:read",
			"metrics:kpi:read", "metrics:kpi:export"}},
		{Code: RoleCS, Name: "客服专员", NameEN: "Customer service", Scope: auth.ScopeShops, Permissions: []string{"org:shop:read", "fulfilment:queue:read"}},
		{Code: RoleWarehouse, Name: "仓储物流", NameEN: "Warehouse and logistics", Scope: auth.ScopeShops,
			Permissions: []string{"org:shop:read", "fulfilment:queue:read", "fulfilment:shipment:create"}},
		{Code: RoleTrainer, Name: "培训讲师", NameEN: "Trainer", Scope: auth.ScopeAll, Permissions: slices.Clone(orgRead)},
		{Code: RoleHR, Name: "人事/培训管理员", NameEN: "HR / training administrator", Scope: auth.ScopeAll, Permissions: append(slices.Clone(orgRead),
			"org:department:create", "org:department:update", "org:department:delete",
			"org:position:create", "org:position:update", "org:position:delete",
			"org:employee:create", "org:employee:update", "org:employee:delete", "org:employee:export",
			"iam:user:update", "iam:role:read", "audit:login:read", "pii:reveal", "system:dict:read",
			"notify:channel:read")},
		{Code: RoleLearner, Name: "员工", NameEN: "Employee (learner)", Scope: auth.ScopeSelf, Permissions: []string{}},
	})))
}

// menu is the whole sidebar; /auth/me filters it by permission. Keys are
// translated by the UI (menu.<key>).
func menu() []iam.MenuItem {
	return []iam.MenuItem{
		{Key: "home", Path: "/home", Icon: "HomeFilled"},
		salesMenu(),
		{Key: "org", Path: "/org", Icon: "OfficeBuilding", Children: []iam.MenuItem{
			{Key: "departments", Path: "/org/departments", Perm: "org:department:read"},
			{Key: "positions", Path: "/org/positions", Perm: "org:position:read"},
			{Key: "employees", Path: "/org/employees", Perm: "org:employee:read"},
			{Key: "shops", Path: "/org/shops", Perm: "org:shop:read"},
		}},
		{Key: "fulfilment", Path: "/fulfilment", Icon: "Van", Children: []iam.MenuItem{
			{Key: "queue", Path: "/fulfilment/queue", Perm: "fulfilment:queue:read"},
		}},
		{Key: "system", Path: "/system", Icon: "Setting", Children: []iam.MenuItem{
			{Key: "roles", Path: "/system/roles", Perm: "iam:role:read"},
			{Key: "dicts", Path: "/system/dicts", Perm: "system:dict:read"},
			{Key: "settings", Path: "/system/settings", Perm: "system:setting:read"},
			{Key: "online", Path: "/system/online", Perm: "iam:session:read"},
			{Key: "channels", Path: "/system/channels", Perm: "notify:channel:read"},
		}},
		trainingMenu(),
		learningMenu(),
		assessmentMenu(),
		{Key: "audit", Path: "/audit", Icon: "Document", Children: []iam.MenuItem{
			{Key: "operations", Path: "/audit/operations", Perm: "audit:operation:read"},
			{Key: "logins", Path: "/audit/logins", Perm: "audit:login:read"},
		}},
	}
}
