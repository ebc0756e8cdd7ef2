package app

import (
	"context"
	"slices"
	"testing"

	"ecomops/internal/platform/auth"
)

// TestPrincipalCacheFollowsChanges: a principal is built once and then
// served from the cache, and a change made straight in the database (as
// another process would make it) to a grant, a permission, a department or
// shop staff takes effect on the very next request.
func TestPrincipalCacheFollowsChanges(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		c := scopedUser(t, e) // 天猫组, data scope "dept", every org permission
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := e.app.DB.W.NewRaw(q, args...).Exec(ctx); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		visible := func() []string {
			t.Helper()
			var emps struct {
				Items []struct {
					EmployeeNo string `json:"employee_no"`
				}
			}
			c.getJSON("/api/v1/org/employees?page_size=500", &emps)
			var nos []string
			for _, it := range emps.Items {
				nos = append(nos, it.EmployeeNo)
			}
			return nos
		}

		// served from the cache while nothing changes
		user := idOf(t, e, "SELECT id FROM users WHERE username = 'tmlead'")
		if st, body := c.do("GET", "/api/v1/auth/me", nil); st != 200 { // builds and caches the principal
			t.Fatalf("/auth/me: %d %s", st, body)
		}
		builds := 0
		build := func() (*auth.Principal, error) {
			builds++
			p, err := e.app.IAM.Principal(ctx, user)
			if err == nil && p != nil {
				err = e.app.Org.ResolveScope(ctx, p)
			}
			return p, err
		}
		for range 3 {
			if _, err := e.app.principals.get(ctx, user, build); err != nil {
				t.Fatal(err)
			}
		}
		if builds != 0 {
			t.Errorf("the principal was rebuilt %d times though nothing changed since the login's first request", builds)
		}

		// shop staff: a shop the user's department now runs becomes visible
		shops := func() []string {
			var out struct{ Items []struct{ Code string } }
			c.getJSON("/api/v1/org/shops", &out)
			var codes []string
			for _, s := range out.Items {
				codes = append(codes, s.Code)
			}
			return codes
		}
		if slices.Contains(shops(), "JD01") {
			t.Fatal("JD01 visible before its staff changed")
		}
		exec(`INSERT INTO shop_staff (shop_id, employee_id) SELECT s.id, e.id FROM shops s, employees e
			WHERE s.code = 'JD01' AND e.employee_no = 'E002'`)
		if !slices.Contains(shops(), "JD01") {
			t.Error("JD01, now also run by E002 of 天猫组, is not visible on the next request")
		}

		// department: an employee moved into the user's department becomes visible
		if slices.Contains(visible(), "E010") {
			t.Fatal("E010 (客服部) visible before the move")
		}
		dept := idOf(t, e, "SELECT id FROM departments WHERE name = '天猫组'")
		exec("UPDATE employees SET department_id = ? WHERE employee_no = 'E010'", dept)
		if !slices.Contains(visible(), "E010") {
			t.Error("E010 moved into 天猫组 is not visible on the next request")
		}
		if _, err := e.app.principals.get(ctx, user, build); err != nil || builds != 0 {
			t.Errorf("the request after the move did not rebuild the principal (%d builds here, want 0), %v", builds, err)
		}

		// permission: taken from the role, refused on the next request
		exec(`DELETE FROM role_permissions WHERE permission = 'org:employee:read'
			AND role_id = (SELECT id FROM roles WHERE code = 'tm_lead')`)
		if st, body := c.do("GET", "/api/v1/org/employees", nil); st != 403 {
			t.Errorf("employee list after its permission was removed: %d %s", st, body)
		}

		// grant: the user loses the role altogether
		exec("DELETE FROM user_roles WHERE user_id = ?", user)
		if st, _ := c.do("GET", "/api/v1/org/shops", nil); st != 403 {
			t.Errorf("shop list after the user lost its only role: %d", st)
		}

		// status: a disabled user is anonymous on the next request
		exec("UPDATE users SET status = 'disabled' WHERE id = ?", user)
		if st, _ := c.do("GET", "/api/v1/auth/me", nil); st != 401 {
			t.Errorf("/auth/me of a disabled user: %d", st)
		}
	})
}
