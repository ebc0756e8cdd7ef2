package app

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/auth"
)

// scopedUser adds a login in 天猫组 whose role holds every org permission but
// sees only its own department (data scope "dept").
func scopedUser(t *testing.T, e *env) *client {
	ctx := context.Background()
	perms := []string{}
	for _, p := range org.Permissions {
		perms = append(perms, p)
	}
	role, err := e.app.IAM.CreateRole(ctx, iam.Role{Code: "tm_lead", Name: "天猫组长", DataScope: auth.ScopeDept, Permissions: perms})
	if err != nil {
		t.Fatal(err)
	}
	var dept int64
	e.app.DB.R.NewRaw("SELECT id FROM departments WHERE name = '天猫组'").Scan(ctx, &dept)
	if _, err := e.app.Org.CreateEmployee(ctx, org.Employee{EmployeeNo: "T900", Name: "组长", DepartmentID: dept},
		&iam.Login{Username: "tmlead", Password: org.DemoPassword, RoleIDs: []int64{role.ID}, Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return e.login("tmlead")
}

func idOf(t *testing.T, e *env, query string, args ...any) int64 {
	var id int64
	if err := e.app.DB.R.NewRaw(query, args...).Scan(context.Background(), &id); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return id
}

// TestDataScope: ids of another department's employees and of shops the
// user's department does not run answer 404 in detail, update, delete and
// sub-actions, and are absent from lists and exports.
func TestDataScope(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := scopedUser(t, e)
		outsider := idOf(t, e, "SELECT id FROM employees WHERE employee_no = 'E010'") // 客服部
		insider := idOf(t, e, "SELECT id FROM employees WHERE employee_no = 'E002'")  // 天猫组
		otherShop := idOf(t, e, "SELECT id FROM shops WHERE code = 'JD01'")
		ownShop := idOf(t, e, "SELECT id FROM shops WHERE code = 'TM01'")
		otherDept := idOf(t, e, "SELECT id FROM departments WHERE name = '客服部'")

		for _, r := range []struct{ method, path string }{
			{"GET", fmt.Sprintf("/api/v1/org/employees/%d", outsider)},
			{"PUT", fmt.Sprintf("/api/v1/org/employees/%d", outsider)},
			{"DELETE", fmt.Sprintf("/api/v1/org/employees/%d", outsider)},
			{"GET", fmt.Sprintf("/api/v1/org/shops/%d", otherShop)},
			{"PUT", fmt.Sprintf("/api/v1/org/shops/%d", otherShop)},
			{"PUT", fmt.Sprintf("/api/v1/org/shops/%d/staff", otherShop)},
			{"DELETE", fmt.Sprintf("/api/v1/org/shops/%d", otherShop)},
			{"GET", fmt.Sprintf("/api/v1/org/departments/%d", otherDept)},
			{"DELETE", fmt.Sprintf("/api/v1/org/departments/%d", otherDept)},
		} {
			var body any
			switch {
			case strings.HasSuffix(r.path, "/staff"):
				body = map[string]any{"employee_ids": []int64{}}
			case r.method == "PUT" && strings.Contains(r.path, "/shops/"):
				body = map[string]any{"code": "JD01", "platform": "jd", "name": "x", "version": 1}
			case r.method == "PUT":
				body = map[string]any{"employee_no": "E010", "name": "x", "department_id": otherDept, "version": 1}
			}
			if st, b := c.do(r.method, r.path, body); st != 404 {
				t.Errorf("%s %s: %d %s", r.method, r.path, st, b)
			}
		}
		if st, _ := c.do("GET", fmt.Sprintf("/api/v1/org/employees/%d", insider), nil); st != 200 {
			t.Errorf("own department's employee: %d", st)
		}
		if st, _ := c.do("GET", fmt.Sprintf("/api/v1/org/shops/%d", ownShop), nil); st != 200 {
			t.Errorf("own department's shop: %d", st)
		}
		var emps struct {
			Items []struct {
				EmployeeNo string `json:"employee_no"`
			}
			Total int
		}
		c.getJSON("/api/v1/org/employees?page_size=500", &emps)
		for _, it := range emps.Items {
			if it.EmployeeNo == "E010" {
				t.Error("list shows another department's employee")
			}
		}
		if emps.Total == 0 || emps.Total != len(emps.Items) {
			t.Errorf("list total %d items %d", emps.Total, len(emps.Items))
		}
		var shops struct{ Items []struct{ Code string } }
		c.getJSON("/api/v1/org/shops", &shops)
		if len(shops.Items) != 1 || shops.Items[0].Code != "TM01" {
			t.Errorf("shops in scope: %+v", shops.Items)
		}
		for _, exp := range []struct{ path, absent, present string }{
			{"/api/v1/org/employees/export", "E010", "E002"},
			{"/api/v1/org/shops/export", "JD01", "TM01"},
		} {
			r := c.req("GET", exp.path, nil, nil)
			if r.status != 200 || !bytes.HasPrefix(r.body, []byte("PK")) {
				t.Fatalf("export %s: %d", exp.path, r.status)
			}
			rows := xlsxText(t, r.body)
			if strings.Contains(rows, exp.absent) || !strings.Contains(rows, exp.present) {
				t.Errorf("export %s: %q absent=%s present=%s", exp.path, rows, exp.absent, exp.present)
			}
		}
		// the employee record itself was not changed by the refused writes
		if n := idOf(t, e, "SELECT count(*) FROM employees WHERE employee_no = 'E010' AND name <> 'x'"); n != 1 {
			t.Fatal("an out-of-scope employee was changed")
		}
	})
}
