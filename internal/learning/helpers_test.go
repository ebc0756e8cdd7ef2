package learning

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/blob"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/platform/notify"
	"ecomops/internal/system"
	"ecomops/internal/training"
)

// world is the learning service on a test database with the demo company
// (org's demo: departments, ~25 employees, logins) and a manual clock.
type world struct {
	t     *testing.T
	d     *db.DB
	clock *clock.Manual
	s     *Service
	dc    org.DemoCompany
	org   *org.Service
	tr    *training.Service
}

// testStart is a Monday 09:00 in Shanghai (01:00 UTC).
var testStart = time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)

// roles of the demo logins: the permissions do not matter to the services
// (the API checks them); the scopes do.
var testRoles = []iam.SeedRole{
	{Code: "ops_manager", Name: "运营经理", Scope: auth.ScopeDeptAndBelow}, {Code: "ops", Name: "运营", Scope: auth.ScopeShops},
	{Code: "ads", Name: "推广", Scope: auth.ScopeShops}, {Code: "cs", Name: "客服", Scope: auth.ScopeShops},
	{Code: "warehouse", Name: "仓储", Scope: auth.ScopeShops}, {Code: "trainer", Name: "讲师", Scope: auth.ScopeAll},
	{Code: "hr", Name: "人事", Scope: auth.ScopeAll}, {Code: "learner", Name: "员工", Scope: auth.ScopeSelf},
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	ctx := context.Background()
	clk := clock.NewManual(testStart)
	sys := system.New(d)
	if err := sys.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	ids := iam.New(d, clk)
	ids.Catalog = Permissions
	if err := ids.SeedRoles(ctx, testRoles); err != nil {
		t.Fatal(err)
	}
	o := org.New(d, ids, clk)
	if err := o.SeedPositions(ctx); err != nil {
		t.Fatal(err)
	}
	dc, err := o.LoadDemo(ctx, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	tr := training.New(d, o, sys, clk)
	if err := tr.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	s := New(d, o, sys, tr, blob.NewLocal(filepath.Join(t.TempDir(), "files")), clk)
	s.Notify = notify.New(d, clk)
	return &world{t: t, d: d, clock: clk, s: s, dc: dc, org: o, tr: tr}
}

// each runs fn on SQLite and PostgreSQL.
func each(t *testing.T, fn func(t *testing.T, w *world)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		defer func() {
			if r := recover(); r != nil {
				if m, ok := r.(mustFailed); ok {
					t.Fatalf("unexpected error: %v\n%s", m.err, debug.Stack())
				}
				panic(r)
			}
		}()
		fn(t, newWorld(t, d))
	})
}

// as returns a context acting as a demo login, its data scope resolved the
// way a request's is, holding perms.
func (w *world) as(username string, perms ...string) context.Context {
	w.t.Helper()
	ctx := context.Background()
	var u struct {
		ID   int64
		Name string
	}
	if err := w.d.R.NewRaw("SELECT id, name FROM users WHERE username = ?", username).Scan(ctx, &u.ID, &u.Name); err != nil {
		w.t.Fatalf("user %s: %v", username, err)
	}
	var scopes []auth.Scope
	if err := w.d.R.NewRaw("SELECT r.data_scope FROM roles r JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = ?", u.ID).Scan(ctx, &scopes); err != nil {
		w.t.Fatalf("roles of %s: %v", username, err)
	}
	p := &auth.Principal{UserID: u.ID, Username: username, Name: u.Name, Scope: auth.Broadest(scopes), Perms: map[string]bool{}}
	for _, perm := range perms {
		p.Perms[perm] = true
	}
	if err := w.org.ResolveScope(ctx, p); err != nil {
		w.t.Fatal(err)
	}
	return auth.With(ctx, p)
}

// emp returns the id of a demo employee by number (E001...).
func (w *world) emp(no string) int64 { return w.dc.Employees[no] }

// mustFailed carries an unexpected error out of must to each's recover.
type mustFailed struct{ err error }

// must returns v, or stops the test (through each) on err.
func must[T any](v T, err error) T {
	if err != nil {
		panic(mustFailed{err})
	}
	return v
}

// wantCode fails unless err has the apperr code ("" for no error).
func wantCode(t *testing.T, err error, code apperr.Code) {
	t.Helper()
	if got := apperr.CodeOf(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

// publishedCourse creates a published course with a required PDF handout
// and a required 6-second video (the demo fixture).
func (w *world) publishedCourse(code, rule string, tenths int64) (Course, Material, Material) {
	w.t.Helper()
	ctx := context.Background()
	c := must(w.s.CreateCourse(ctx, Course{Code: code, Title: "课程 " + code, Category: "basics", HoursTenths: tenths,
		CompletionRule: rule, CompletionMinPct: 50, Status: "published", Methods: []string{"online"}}))
	doc := must(w.s.AddMaterial(ctx, c.ID, MaterialMeta{Title: "讲义", Kind: "document", Required: true, MinSeconds: 30, Sort: 1},
		bytes.NewReader(demoPDF("Handout", []string{"line"})), "讲义.pdf"))
	vid := must(w.s.AddMaterial(ctx, c.ID, MaterialMeta{Title: "视频", Kind: "video", Required: true, Sort: 2},
		bytes.NewReader(demoVideo), "视频.mp4"))
	return c, doc, vid
}

func ctxSystem() context.Context { return context.Background() }

func bytesOf(b []byte) *bytes.Reader { return bytes.NewReader(b) }

func countRows(t *testing.T, w *world, table string) int { return dbtest.Count(t, w.d.R, table) }

// list returns the items of a list answer, or stops the test on err.
func list[T any](items []T, _ int, err error) []T { return must(items, err) }

// wantReason fails unless err is a refusal of code carrying reason.
func wantReason(t *testing.T, err error, code apperr.Code, reason string) {
	t.Helper()
	wantCode(t, err, code)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Reason.Code != reason {
		t.Fatalf("error %v: want reason %s", err, reason)
	}
}
