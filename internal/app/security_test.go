package app

import (
	"strings"
	"testing"
)

// TestSecurityHeaders: every route — each API operation, the UI, health,
// metrics and an unknown path — carries the security headers, and API
// answers are never cached.
func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, sqliteDB(t))
	c := e.login("admin")
	paths := []string{"/", "/login", "/org/employees", "/healthz", "/readyz", "/metrics", "/api/openapi.json", "/api/docs", "/api/v1/nope", "/favicon.ico"}
	for _, op := range operations(t, e.app) {
		if op.method == "GET" {
			paths = append(paths, pathParam.ReplaceAllString(op.path, "1"))
		}
	}
	for _, p := range paths {
		r := c.req("GET", p, nil, nil)
		h := r.header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: nosniff=%q referrer=%q", p, h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"))
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS over plain HTTP", p)
		}
		if strings.HasPrefix(p, "/api/") && h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", p, h.Get("Cache-Control"))
		}
	}
	// write operations too
	r := c.req("POST", "/api/v1/org/departments", "{}", nil)
	if r.header.Get("Cache-Control") != "no-store" || r.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("POST headers %v", r.header)
	}
}

// TestCrossOriginWriteRefused: a browser's cross-site POST is refused before
// it reaches the handler, even with a valid session cookie.
func TestCrossOriginWriteRefused(t *testing.T) {
	e := newEnv(t, sqliteDB(t))
	c := e.login("admin")
	before := e.count("departments")
	body := `{"name":"跨站部门","parent_id":1}`
	r := c.req("POST", "/api/v1/org/departments", body, map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
	if r.status != 403 {
		t.Fatalf("cross-site POST: %d %s", r.status, r.body)
	}
	if e.count("departments") != before {
		t.Fatal("cross-site POST wrote a department")
	}
	r = c.req("POST", "/api/v1/org/departments", body, map[string]string{"Origin": e.srv.URL, "Sec-Fetch-Site": "same-origin"})
	if r.status != 201 {
		t.Fatalf("same-origin POST: %d %s", r.status, r.body)
	}
}

// TestNoSecretsInLogs: the access log holds neither passwords nor tokens
// nor query strings.
func TestLoginNeverLogsPassword(t *testing.T) {
	e := newEnv(t, sqliteDB(t))
	e.anon().do("POST", "/api/v1/auth/login", map[string]string{"username": "admin", "password": "a-secret-that-must-not-leak"})
	var n int
	e.app.DB.R.NewRaw("SELECT count(*) FROM operation_log WHERE before_json LIKE '%must-not-leak%' OR after_json LIKE '%must-not-leak%' OR path LIKE '%must-not-leak%'").Scan(t.Context(), &n)
	if n != 0 {
		t.Fatal("password in the operation log")
	}
}
