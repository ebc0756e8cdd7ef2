package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestLoginLogoutMe(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := e.login("manager")
		var me struct {
			User        struct{ Username string }
			Roles       []string
			Permissions []string
			DataScope   string `json:"data_scope"`
			Menus       []struct {
				Key      string
				Children []struct{ Key string }
			}
		}
		c.getJSON("/api/v1/auth/me", &me)
		if me.User.Username != "manager" || len(me.Roles) != 1 || me.Roles[0] != RoleManager || me.DataScope != "dept_and_below" {
			t.Fatalf("me = %+v", me)
		}
		for _, m := range me.Menus {
			if m.Key == "system" || m.Key == "audit" {
				t.Errorf("manager sees menu %s", m.Key)
			}
		}
		if st, _ := c.do("POST", "/api/v1/auth/logout", nil); st != 204 && st != 200 {
			t.Fatalf("logout: %d", st)
		}
		if st, _ := c.do("GET", "/api/v1/auth/me", nil); st != 401 {
			t.Fatalf("me after logout: %d", st)
		}
		bad := e.anon()
		st, b := bad.do("POST", "/api/v1/auth/login", map[string]string{"username": "manager", "password": "wrong-password"})
		if st != 401 || !strings.Contains(string(b), `"code":"unauthenticated"`) {
			t.Fatalf("bad password: %d %s", st, b)
		}
		var n int
		e.app.DB.R.NewRaw("SELECT count(*) FROM login_log WHERE username = 'manager' AND success = ?", false).Scan(t.Context(), &n)
		if n != 1 {
			t.Fatalf("failed logins logged: %d", n)
		}
	})
}

func TestSessionCookieAttributes(t *testing.T) {
	e := newEnv(t, sqliteDB(t))
	r := e.anon().req("POST", "/api/v1/auth/login", map[string]string{"username": "admin", "password": demoPassword()}, nil)
	sc := r.header.Get("Set-Cookie")
	for _, want := range []string{"ecomops_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(sc, want) {
			t.Errorf("Set-Cookie %q lacks %q", sc, want)
		}
	}
	// A second login from the same browser replaces (rotates) the session.
	c := e.login("admin")
	before := e.count("sessions")
	c.do("POST", "/api/v1/auth/login", map[string]string{"username": "admin", "password": demoPassword()})
	if after := e.count("sessions"); after != before {
		t.Fatalf("sessions %d -> %d: login did not replace the old session", before, after)
	}
}

func TestLoginThrottling(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := e.anon()
		for i := 0; i < 5; i++ {
			if st, _ := c.do("POST", "/api/v1/auth/login", map[string]string{"username": "ops1", "password": "not-the-password"}); st != 401 {
				t.Fatalf("attempt %d: %d", i+1, st)
			}
		}
		r := c.req("POST", "/api/v1/auth/login", map[string]string{"username": "ops1", "password": demoPassword()}, nil)
		if r.status != 429 || r.header.Get("Retry-After") == "" {
			t.Fatalf("6th attempt (right password): %d Retry-After=%q %s", r.status, r.header.Get("Retry-After"), r.body)
		}
	})
}

func TestAPITokens(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := e.login("hradmin")
		st, b := c.do("POST", "/api/v1/auth/tokens", map[string]any{"name": "ERP sync"})
		if st != 201 {
			t.Fatalf("create token: %d %s", st, b)
		}
		var tok struct {
			ID    int64
			Token string
		}
		json.Unmarshal(b, &tok)
		if !strings.HasPrefix(tok.Token, "eco_") {
			t.Fatalf("token %q", tok.Token)
		}
		var stored int
		e.app.DB.R.NewRaw("SELECT count(*) FROM api_tokens WHERE token_hash = ?", tok.Token).Scan(t.Context(), &stored)
		if stored != 0 {
			t.Fatal("token stored in clear")
		}
		api := e.anon()
		api.token = tok.Token
		if st, b := api.do("GET", "/api/v1/org/employees", nil); st != 200 {
			t.Fatalf("bearer list employees: %d %s", st, b)
		}
		// the token carries the user's permissions only
		if st, _ := api.do("GET", "/api/v1/system/settings", nil); st != 403 {
			t.Fatalf("bearer settings: %d", st)
		}
		// the list never shows the secret again
		_, lb := c.do("GET", "/api/v1/auth/tokens", nil)
		if strings.Contains(string(lb), tok.Token) {
			t.Fatal("token list shows the secret")
		}
		if st, _ := c.do("DELETE", fmt.Sprintf("/api/v1/auth/tokens/%d", tok.ID), nil); st != 204 {
			t.Fatalf("revoke: %d", st)
		}
		if st, _ := api.do("GET", "/api/v1/org/employees", nil); st != 401 {
			t.Fatalf("revoked token: %d", st)
		}
	})
}

func TestChangePassword(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		c := e.login("learner1")
		other := e.login("learner1")
		st, b := c.do("POST", "/api/v1/auth/password", map[string]string{"old_password": demoPassword(), "new_password": "password"})
		if st != 422 || !strings.Contains(string(b), "body.new_password") {
			t.Fatalf("common password accepted: %d %s", st, b)
		}
		st, _ = c.do("POST", "/api/v1/auth/password", map[string]string{"old_password": demoPassword(), "new_password": "a long enough new secret"})
		if st != 204 {
			t.Fatalf("change: %d", st)
		}
		if st, _ := c.do("GET", "/api/v1/auth/me", nil); st != 200 {
			t.Fatalf("own session ended: %d", st)
		}
		if st, _ := other.do("GET", "/api/v1/auth/me", nil); st != 401 {
			t.Fatalf("other session survived a password change: %d", st)
		}
	})
}
