package app

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
)

type routeOp struct {
	method, path, perm, id string
}

// operations lists every operation of the OpenAPI document.
func operations(t testing.TB, a *App) []routeOp {
	var ops []routeOp
	for path, item := range a.Server().API.OpenAPI().Paths {
		for method, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "PATCH": item.Patch, "DELETE": item.Delete} {
			if op != nil {
				ops = append(ops, routeOp{method, path, api.PermissionOf(op), op.OperationID})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].id < ops[j].id })
	return ops
}

// TestEveryOperationDeclaresPermission: the OpenAPI document shows
// x-permission on every operation.
func TestEveryOperationDeclaresPermission(t *testing.T) {
	e := newEnv(t, sqliteDB(t))
	var doc struct {
		Paths map[string]map[string]map[string]any `json:"paths"`
	}
	e.anon().getJSON("/api/openapi.json", &doc)
	n := 0
	for path, methods := range doc.Paths {
		for method, op := range methods {
			n++
			p, _ := op["x-permission"].(string)
			if p == "" {
				t.Errorf("%s %s declares no x-permission", strings.ToUpper(method), path)
			}
			if p == api.Public && path != "/api/v1/auth/login" && path != "/healthz" && path != "/readyz" {
				t.Errorf("%s %s is public", strings.ToUpper(method), path)
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d operations in the document", n)
	}
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// TestPermissionMatrix calls every operation as anonymous and as each seed
// role: anonymous gets 401 (except public operations), a role without the
// permission 403, a role with it anything but 401/403. Path ids point at
// nothing, so permitted writes answer 404/422 and change nothing.
func TestPermissionMatrix(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		users := map[string]string{RoleAdmin: "admin", RoleManager: "manager", RoleOps: "ops1", RoleAds: "ads1", RoleCS: "cs1",
			RoleWarehouse: "wh1", RoleTrainer: "trainer", RoleHR: "hradmin", RoleLearner: "learner1"}
		perms := map[string]map[string]bool{}
		for _, r := range seedRoles() {
			perms[r.Code] = map[string]bool{}
			for _, p := range r.Permissions {
				perms[r.Code][p] = true
			}
		}
		clients := map[string]*client{"": e.anon()}
		for role, u := range users {
			clients[role] = e.login(u)
		}
		for _, op := range operations(t, e.app) {
			if op.id == "auth.logout" || op.id == "auth.login" {
				continue // covered by TestLoginLogoutMe; would end the matrix sessions
			}
			path := pathParam.ReplaceAllString(op.path, "999999")
			if strings.HasSuffix(op.path, "{key}") {
				path = strings.TrimSuffix(path, "999999") + "ffffffffffffffff"
			}
			if strings.HasSuffix(op.path, "{type}") {
				path = strings.TrimSuffix(path, "999999") + "no_such_type"
			}
			var body any
			if op.method != "GET" && op.method != "DELETE" {
				body = "{}"
			}
			for role, c := range clients {
				st := c.req(op.method, path, body, nil).status
				switch {
				case op.perm == api.Public:
				case role == "":
					if st != 401 {
						t.Errorf("%s anonymous: %d, want 401", op.id, st)
					}
				case op.perm == api.Authenticated || role == RoleAdmin || perms[role][op.perm]:
					if st == 401 || st == 403 {
						t.Errorf("%s as %s (has %s): %d", op.id, role, op.perm, st)
					}
				default:
					if st != 403 {
						t.Errorf("%s as %s (lacks %s): %d, want 403", op.id, role, op.perm, st)
					}
				}
			}
		}
	})
}

// TestVersionConflict: an update with a stale version answers 409 and
// changes nothing; without a version it is a 422 naming body.version.
func TestVersionConflict(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := e.login("admin")
		var list struct {
			Items []struct {
				ID      int64
				Name    string
				Version int
			}
		}
		c.getJSON("/api/v1/org/positions?q=ops_manager", &list)
		p := list.Items[0]
		path := "/api/v1/org/positions/" + itoa(p.ID)
		st, b := c.do("PUT", path, map[string]any{"code": "ops_manager", "name": "运营主管", "version": p.Version})
		if st != 200 {
			t.Fatalf("update: %d %s", st, b)
		}
		st, b = c.do("PUT", path, map[string]any{"code": "ops_manager", "name": "运营总监", "version": p.Version})
		if st != 409 || !strings.Contains(string(b), `"code":"conflict"`) {
			t.Fatalf("stale update: %d %s", st, b)
		}
		st, b = c.do("PUT", path, map[string]any{"code": "ops_manager", "name": "运营总监"})
		if st != 422 || !strings.Contains(string(b), "body.version") {
			t.Fatalf("update without version: %d %s", st, b)
		}
		var cur struct{ Items []struct{ Name string } }
		c.getJSON("/api/v1/org/positions?q=ops_manager", &cur)
		if cur.Items[0].Name != "运营主管" {
			t.Fatalf("name after stale update: %s", cur.Items[0].Name)
		}
	})
}

// TestBadInput: malformed JSON, unknown fields and oversize bodies are
// refused with a 4xx naming the problem, and nothing is written.
func TestBadInput(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := e.login("admin")
		before := e.count("departments")
		cases := []struct {
			name, body string
			status     int
			mention    string
		}{
			{"malformed", `{"name": "x"`, 400, "unexpected end of JSON input"},
			{"unknown field", `{"name":"x","parent_id":1,"colour":"red"}`, 422, "body.colour"},
			{"wrong type", `{"name":123}`, 422, "body.name"},
			{"missing name", `{"parent_id":1}`, 422, "name"},
			{"oversize", `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "too large"},
		}
		for _, tc := range cases {
			st, b := c.do("POST", "/api/v1/org/departments", tc.body)
			if st != tc.status || !strings.Contains(strings.ToLower(string(b)), strings.ToLower(tc.mention)) {
				t.Errorf("%s: %d %s", tc.name, st, truncate(b))
			}
		}
		if after := e.count("departments"); after != before {
			t.Fatalf("departments %d -> %d after bad input", before, after)
		}
	})
}

func truncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
