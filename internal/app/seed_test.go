package app

import (
	"context"
	"testing"

	"ecomops/internal/platform/db/dbtest"
)

// TestSeedGrantsOnlyNewPermissions: a permission that appears in a later
// version reaches the built-in roles, while one an administrator removed
// from a built-in role stays removed.
func TestSeedGrantsOnlyNewPermissions(t *testing.T) {
	ctx := context.Background()
	a, err := New(ctx, dbtest.SQLite(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	count := func(perm string) int {
		var n int
		a.DB.R.NewRaw(`SELECT count(*) FROM role_permissions rp JOIN roles r ON r.id = rp.role_id
			WHERE r.code = ? AND rp.permission = ?`, RoleManager, perm).Scan(ctx, &n)
		return n
	}
	// an administrator takes a seed permission away from the manager role
	a.DB.W.NewRaw(`DELETE FROM role_permissions WHERE permission = 'org:shop:export'
		AND role_id = (SELECT id FROM roles WHERE code = ?)`, RoleManager).Exec(ctx)
	// a "new version" declares a permission the catalogue has not seen
	roles := seedRoles()
	for i := range roles {
		if roles[i].Code == RoleManager {
			roles[i].Permissions = append(roles[i].Permissions, "org:brand:read")
		}
	}
	a.IAM.Catalog = append(a.IAM.Catalog, "org:brand:read")
	if err := a.IAM.SeedRoles(ctx, roles); err != nil {
		t.Fatal(err)
	}
	if count("org:brand:read") != 1 {
		t.Error("new permission not granted to the built-in role")
	}
	if count("org:shop:export") != 0 {
		t.Error("a permission the administrator removed came back")
	}
}
