package training

import (
	"context"
	"errors"
	"testing"
	"time"

	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/system"
)

// fixture is a small company on a test database:
//
//	运营部 (head M)  └ 天猫组: A, B (ops, manager M)
//	客服部: CM (cs, head), C (cs, manager CM)
type fixture struct {
	t     *testing.T
	svc   *Service
	org   *org.Service
	clock *clock.Manual
	dept  map[string]int64
	pos   map[string]int64
	emp   map[string]int64
}

// fixtureNow is 2026-07-15 10:00 in Asia/Shanghai.
var fixtureNow = time.Date(2026, 7, 15, 2, 0, 0, 0, time.UTC)

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	c := clock.NewManual(fixtureNow)
	sys := system.New(d)
	if err := sys.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	o := org.New(d, iam.New(d, c), c)
	if err := o.SeedPositions(ctx); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, svc: New(d, o, sys, c), org: o, clock: c, dept: map[string]int64{}, pos: map[string]int64{}, emp: map[string]int64{}}
	if err := f.svc.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"ops", "cs", "ops_manager", "trainer"} {
		p, err := o.PositionByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		f.pos[code] = p.ID
	}
	for _, d := range []struct{ name, parent string }{{"运营部", ""}, {"天猫组", "运营部"}, {"客服部", ""}} {
		dep := org.Department{Name: d.name}
		if d.parent != "" {
			id := f.dept[d.parent]
			dep.ParentID = &id
		}
		out, err := o.CreateDepartment(ctx, dep)
		if err != nil {
			t.Fatal(err)
		}
		f.dept[d.name] = out.ID
	}
	for _, e := range []struct{ no, dept, pos, manager string }{
		{"M", "运营部", "ops_manager", ""}, {"A", "天猫组", "ops", "M"}, {"B", "天猫组", "ops", "M"},
		{"CM", "客服部", "cs", ""}, {"C", "客服部", "cs", "CM"}, {"T", "运营部", "trainer", ""},
	} {
		pid := f.pos[e.pos]
		emp := org.Employee{EmployeeNo: e.no, Name: "员工" + e.no, DepartmentID: f.dept[e.dept], PositionID: &pid}
		if e.manager != "" {
			m := f.emp[e.manager]
			emp.ManagerID = &m
		}
		out, err := o.CreateEmployee(ctx, emp, nil)
		if err != nil {
			t.Fatal(err)
		}
		f.emp[e.no] = out.ID
	}
	return f
}

// as returns a context for employee no with the visible sets org would
// resolve for scope (dept_and_below, self or all).
func (f *fixture) as(no string, scope auth.Scope) context.Context {
	p := &auth.Principal{UserID: 1000 + f.emp[no], Name: no, EmployeeID: f.emp[no], Scope: scope}
	switch scope {
	case auth.ScopeDeptAndBelow:
		switch no {
		case "M":
			p.Depts = []int64{f.dept["运营部"], f.dept["天猫组"]}
			p.Employees = []int64{f.emp["M"], f.emp["A"], f.emp["B"], f.emp["T"]}
		case "CM":
			p.Depts = []int64{f.dept["客服部"]}
			p.Employees = []int64{f.emp["CM"], f.emp["C"]}
		}
	case auth.ScopeSelf:
		p.Employees = []int64{f.emp[no]}
	}
	return auth.With(context.Background(), p)
}

func (f *fixture) ctx() context.Context { return context.Background() }

// check fails the test on err.
func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantCode fails unless err carries code.
func wantCode(t *testing.T, err error, code apperr.Code) {
	t.Helper()
	if apperr.CodeOf(err) != code {
		t.Fatalf("error %v, want %s", err, code)
	}
}

// fieldOf returns the location of err's first field error.
func fieldOf(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) && len(ae.Fields) > 0 {
		return ae.Fields[0].Location
	}
	return ""
}

func intp(v int) *int { return &v }

// wantReason fails unless err is a refusal of code carrying reason.
func wantReason(t *testing.T, err error, code apperr.Code, reason string) {
	t.Helper()
	wantCode(t, err, code)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Reason.Code != reason {
		t.Fatalf("error %v: want reason %s", err, reason)
	}
}
