package app

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestOperationLog: a write records actor, action, entity, before/after, IP,
// user agent, result and duration in the same transaction; a refused write
// records its error; the log cannot be changed.
func TestOperationLog(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := e.login("admin")
		var pos struct {
			ID      int64
			Version int
		}
		st, b := c.do("POST", "/api/v1/org/positions", map[string]any{"code": "qa", "name": "质检专员"})
		if st != 201 {
			t.Fatalf("create: %d %s", st, b)
		}
		json.Unmarshal(b, &pos)
		c.do("PUT", "/api/v1/org/positions/"+itoa(pos.ID), map[string]any{"code": "qa", "name": "品控专员", "version": pos.Version})
		c.do("POST", "/api/v1/org/positions", map[string]any{"code": "qa", "name": "dup"})

		var rows struct {
			Items []struct {
				Username, Action, Entity, Before, After, IP, Result string
				EntityID                                            string `json:"entity_id"`
				UserAgent                                           string `json:"user_agent"`
			}
		}
		c.getJSON("/api/v1/audit/operations?action=org.position&sort=id", &rows)
		if len(rows.Items) != 3 {
			t.Fatalf("rows: %+v", rows.Items)
		}
		create, update, dup := rows.Items[0], rows.Items[1], rows.Items[2]
		if create.Username != "admin" || create.Action != "org.position.create" || create.Entity != "position" || create.Before != "" ||
			!strings.Contains(create.After, "质检专员") || create.IP != "127.0.0.1" || create.UserAgent == "" || create.Result != "ok" {
			t.Errorf("create row %+v", create)
		}
		if !strings.Contains(update.Before, "质检专员") || !strings.Contains(update.After, "品控专员") {
			t.Errorf("update row %+v", update)
		}
		if dup.Result != "invalid" {
			t.Errorf("refused create row %+v", dup)
		}
		if _, err := e.app.DB.W.ExecContext(t.Context(), "UPDATE operation_log SET username = 'x'"); err == nil {
			t.Error("operation_log accepted an UPDATE")
		}
		if _, err := e.app.DB.W.ExecContext(t.Context(), "DELETE FROM login_log"); err == nil {
			t.Error("login_log accepted a DELETE")
		}
		r := c.req("GET", "/api/v1/audit/operations/export?action=org.position", nil, nil)
		if r.status != 200 || !strings.Contains(xlsxText(t, r.body), "品控专员") {
			t.Errorf("export: %d", r.status)
		}
	})
}

// TestPhoneMaskedAndRevealAudited: phones are masked in lists and exports;
// the reveal needs pii:reveal and leaves an audit row.
func TestPhoneMaskedAndRevealAudited(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		id := idOf(t, e, "SELECT id FROM employees WHERE employee_no = 'E002'")
		var full string
		e.app.DB.R.NewRaw("SELECT phone FROM employees WHERE id = ?", id).Scan(t.Context(), &full)
		hr := e.login("hradmin")
		mgr := e.login("manager")
		var emp struct{ Phone string }
		mgr.getJSON("/api/v1/org/employees/"+itoa(id), &emp)
		if emp.Phone == full || !strings.Contains(emp.Phone, "****") {
			t.Fatalf("phone not masked: %q", emp.Phone)
		}
		if r := mgr.req("GET", "/api/v1/org/employees/export", nil, nil); strings.Contains(xlsxText(t, r.body), full) {
			t.Fatal("export shows a full phone")
		}
		if st, _ := mgr.do("POST", "/api/v1/org/employees/"+itoa(id)+"/reveal-phone", nil); st != 403 {
			t.Fatalf("manager reveal: %d", st)
		}
		st, b := hr.do("POST", "/api/v1/org/employees/"+itoa(id)+"/reveal-phone", nil)
		if st != 200 || !strings.Contains(string(b), full) {
			t.Fatalf("hr reveal: %d %s", st, b)
		}
		if n := idOf(t, e, "SELECT count(*) FROM operation_log WHERE entity = 'employee.phone_reveal' AND username = 'hradmin'"); n != 1 {
			t.Fatalf("reveal audit rows: %d", n)
		}
	})
}

// TestDuplicateTopLevelDepartment: names are unique among siblings, also at
// the top level where the parent is NULL.
func TestDuplicateTopLevelDepartment(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		st, b := e.login("admin").do("POST", "/api/v1/org/departments", map[string]any{"name": "客服部"})
		if st != 422 || !strings.Contains(string(b), "body.name") {
			t.Fatalf("duplicate top-level department: %d %s", st, b)
		}
	})
}
