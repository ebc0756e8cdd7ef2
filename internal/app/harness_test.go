package app

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"ecomops/internal/org"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

// env is a running server with the demo company on a test database.
type env struct {
	t   testing.TB
	app *App
	srv *httptest.Server
}

func newEnv(t testing.TB, d *db.DB) *env {
	t.Helper()
	ctx := context.Background()
	a, err := New(ctx, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.loadDemo(ctx, false); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Server().Handler())
	t.Cleanup(srv.Close)
	return &env{t: t, app: a, srv: srv}
}

// eachEnv runs fn on SQLite and on PostgreSQL.
func eachEnv(t *testing.T, fn func(t *testing.T, e *env)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { fn(t, newEnv(t, d)) })
}

// client is a cookie-keeping API client.
type client struct {
	e     *env
	http  *http.Client
	token string
}

func (e *env) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar}}
}

// login signs in a demo user and fails the test if it does not work.
func (e *env) login(username string) *client {
	e.t.Helper()
	c := e.anon()
	st, body := c.do("POST", "/api/v1/auth/login", map[string]string{"username": username, "password": org.DemoPassword})
	if st != 200 {
		e.t.Fatalf("login %s: %d %s", username, st, body)
	}
	return c
}

type resp struct {
	status int
	body   []byte
	header http.Header
}

func (c *client) req(method, path string, body any, hdr map[string]string) resp {
	c.e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		buf, _ := json.Marshal(b)
		rd = bytes.NewReader(buf)
	}
	r, err := http.NewRequest(method, c.e.srv.URL+path, rd)
	if err != nil {
		c.e.t.Fatal(err)
	}
	if rd != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		r.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	res, err := c.http.Do(r)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, body: b, header: res.Header}
}

func (c *client) do(method, path string, body any) (int, []byte) {
	c.e.t.Helper()
	r := c.req(method, path, body, nil)
	return r.status, r.body
}

// getJSON fetches path, expects 200 and decodes into v.
func (c *client) getJSON(path string, v any) {
	c.e.t.Helper()
	st, b := c.do("GET", path, nil)
	if st != 200 {
		c.e.t.Fatalf("GET %s: %d %s", path, st, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		c.e.t.Fatalf("GET %s: %v", path, err)
	}
}

// count returns the rows of a table, for "nothing was written" checks.
func (e *env) count(table string) int { return dbtest.Count(e.t, e.app.DB.R, table) }

func sqliteDB(t testing.TB) *db.DB { return dbtest.SQLite(t) }

func demoPassword() string { return org.DemoPassword }
