package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// problemBody is the part of a problem+json answer the UI translates.
type problemBody struct {
	Code   string         `json:"code"`
	Detail string         `json:"detail"`
	Reason string         `json:"reason"`
	Params map[string]any `json:"params"`
	Errors []struct {
		Location string         `json:"location"`
		Message  string         `json:"message"`
		Code     string         `json:"code"`
		Params   map[string]any `json:"params"`
	} `json:"errors"`
}

func decodeProblem(t testing.TB, b []byte) problemBody {
	t.Helper()
	var p problemBody
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("not a problem: %s", b)
	}
	return p
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// wantField fails unless the answer is a 422 whose error at location has
// code (and the params given, compared as printed) and an English message.
func wantField(t testing.TB, st int, b []byte, location, code string, params map[string]any) {
	t.Helper()
	if st != 422 {
		t.Fatalf("%s: status %d, want 422: %s", location, st, b)
	}
	for _, fe := range decodeProblem(t, b).Errors {
		if fe.Location != location {
			continue
		}
		if fe.Code != code || fe.Message == "" {
			t.Fatalf("%s: code %q message %q, want %s: %s", location, fe.Code, fe.Message, code, b)
		}
		for k, v := range params {
			if jsonOf(fe.Params[k]) != jsonOf(v) {
				t.Fatalf("%s: params %v, want %s=%v", location, fe.Params, k, v)
			}
		}
		return
	}
	t.Fatalf("no error at %s: %s", location, b)
}

// wantReason fails unless the answer has the status and the refusal reason
// (with the params given) beside an English detail.
func wantReason(t testing.TB, st int, b []byte, status int, reason string, params map[string]any) {
	t.Helper()
	p := decodeProblem(t, b)
	if st != status || p.Reason != reason || p.Detail == "" {
		t.Fatalf("status %d reason %q, want %d %s: %s", st, p.Reason, status, reason, b)
	}
	for k, v := range params {
		if jsonOf(p.Params[k]) != jsonOf(v) {
			t.Fatalf("%s: params %v, want %s=%v", reason, p.Params, k, v)
		}
	}
}

// Users, roles and the organisation name the reason of every field error
// (no "invalid" with an English sentence for a zh-CN user).
func TestIAMAndOrgFieldCodes(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		admin := e.login("admin")

		st, b := admin.do("POST", "/api/v1/auth/password", map[string]any{"old_password": "wrong one!", "new_password": "a new long passphrase"})
		wantField(t, st, b, "body.old_password", "wrong_password", nil)
		st, b = admin.do("POST", "/api/v1/auth/password", map[string]any{"old_password": demoPassword(), "new_password": demoPassword()})
		wantField(t, st, b, "body.new_password", "password_unchanged", nil)
		st, b = admin.do("POST", "/api/v1/auth/password", map[string]any{"old_password": demoPassword(), "new_password": "12345678"})
		wantField(t, st, b, "body.new_password", "password_common", nil)
		st, b = admin.do("POST", "/api/v1/auth/password", map[string]any{"old_password": demoPassword(), "new_password": "short"})
		wantField(t, st, b, "body.new_password", "too_short", map[string]any{"min": 8})

		st, b = admin.do("POST", "/api/v1/system/roles", map[string]any{"code": "qa_role", "name": "质检", "data_scope": "self",
			"permissions": []string{"org:shop:read", "no:such:perm"}})
		wantField(t, st, b, "body.permissions", "unknown_permission", map[string]any{"value": "no:such:perm", "item": 2})
		st, b = admin.do("DELETE", "/api/v1/system/online/not-a-key", nil)
		wantField(t, st, b, "path.key", "invalid_format", map[string]any{"format": "session-key"})

		var depts struct {
			Items []struct {
				ID       int64  `json:"id"`
				ParentID *int64 `json:"parent_id"`
				Name     string `json:"name"`
				Version  int    `json:"version"`
			} `json:"items"`
		}
		admin.getJSON("/api/v1/org/departments?page_size=500", &depts)
		var parent, child int64
		var parentName string
		var parentVersion int
		for _, c := range depts.Items {
			if c.ParentID == nil {
				continue
			}
			for _, p := range depts.Items {
				if p.ID == *c.ParentID {
					parent, child, parentName, parentVersion = p.ID, c.ID, p.Name, p.Version
				}
			}
		}
		if parent == 0 {
			t.Fatalf("no department with a parent: %+v", depts.Items)
		}
		st, b = admin.do("PUT", fmt.Sprintf("/api/v1/org/departments/%d", parent), map[string]any{"name": parentName, "parent_id": child, "version": parentVersion})
		wantField(t, st, b, "body.parent_id", "department_cycle", nil)
		st, b = admin.do("PUT", fmt.Sprintf("/api/v1/org/departments/%d", parent), map[string]any{"name": parentName, "parent_id": 99999999})
		wantField(t, st, b, "body.parent_id", "not_found", map[string]any{"id": 99999999})

		var emps struct {
			Items []struct {
				ID           int64  `json:"id"`
				EmployeeNo   string `json:"employee_no"`
				Name         string `json:"name"`
				DepartmentID int64  `json:"department_id"`
				Version      int    `json:"version"`
			} `json:"items"`
		}
		admin.getJSON("/api/v1/org/employees?page_size=1", &emps)
		em := emps.Items[0]
		st, b = admin.do("PUT", fmt.Sprintf("/api/v1/org/employees/%d", em.ID), map[string]any{"employee_no": em.EmployeeNo, "name": em.Name,
			"department_id": em.DepartmentID, "manager_id": em.ID, "phone": "call me", "version": em.Version})
		wantField(t, st, b, "body.manager_id", "own_manager", nil)
		wantField(t, st, b, "body.phone", "invalid_format", map[string]any{"format": "phone"})
		st, b = admin.do("PUT", fmt.Sprintf("/api/v1/org/employees/%d", em.ID), map[string]any{"employee_no": em.EmployeeNo, "name": em.Name,
			"department_id": em.DepartmentID})
		wantField(t, st, b, "body.version", "required", nil)
		st, b = admin.do("PUT", fmt.Sprintf("/api/v1/org/employees/%d/login", em.ID), map[string]any{"username": "bad name!", "role_ids": []int64{}, "enabled": true})
		wantField(t, st, b, "body.username", "username_chars", nil)
	})
}

// The effect report workbook is written in the language the request asks
// for: lang, else Accept-Language, else Chinese.
func TestReportWorkbookLanguage(t *testing.T) {
	e := newEnv(t, sqliteDB(t))
	admin := e.login("admin")
	st, b := admin.do("POST", "/api/v1/training/plans", map[string]any{"year": 2031, "title": "2031 年度培训计划"})
	if st != 201 {
		t.Fatalf("plan: %d %s", st, b)
	}
	var plan struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(b, &plan); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/assessment/reports/plans/%d/export", plan.ID)
	for _, c := range []struct {
		query, accept, want string
	}{
		{"", "", "层级\t指标"},
		{"", "en-US,en;q=0.9", "Level\tFigure"},
		{"?lang=zh-CN", "en", "层级\t指标"},
		{"?lang=en", "", "Level\tFigure"},
	} {
		r := admin.req("GET", path+c.query, nil, map[string]string{"Accept-Language": c.accept})
		if r.status != 200 {
			t.Fatalf("%s %s: %d %s", c.query, c.accept, r.status, r.body)
		}
		if text := xlsxText(t, r.body); !strings.HasPrefix(text, c.want) {
			t.Errorf("lang %q accept %q: %.80s", c.query, c.accept, text)
		}
	}
}
