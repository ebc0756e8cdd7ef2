package assessment

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"ecomops/internal/iam"
	"ecomops/internal/learning"
	"ecomops/internal/org"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/blob"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/platform/notify"
	"ecomops/internal/platform/trail"
	"ecomops/internal/system"
	"ecomops/internal/training"
)

// world is the evaluation service on a test database holding org's demo
// company (7 departments, 25 employees), with training, learning and the
// notification centre wired, and a manual clock.
type world struct {
	t     *testing.T
	d     *db.DB
	clock *clock.Manual
	s     *Service
	org   *org.Service
	dc    org.DemoCompany
}

// t0 is Monday 2026-11-02 09:00 in Shanghai.
var t0 = time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)

var testRoles = []iam.SeedRole{
	{Code: "ops_manager", Name: "运营经理", Scope: auth.ScopeDeptAndBelow}, {Code: "ops", Name: "运营", Scope: auth.ScopeShops},
	{Code: "ads", Name: "推广", Scope: auth.ScopeShops}, {Code: "cs", Name: "客服", Scope: auth.ScopeShops},
	{Code: "warehouse", Name: "仓储", Scope: auth.ScopeShops}, {Code: "trainer", Name: "讲师", Scope: auth.ScopeAll},
	{Code: "hr", Name: "人事", Scope: auth.ScopeAll}, {Code: "learner", Name: "员工", Scope: auth.ScopeSelf},
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	ctx := context.Background()
	clk := clock.NewManual(t0)
	sys := system.New(d)
	check(t, sys.Seed(ctx))
	ids := iam.New(d, clk)
	ids.Catalog = Permissions
	check(t, ids.SeedRoles(ctx, testRoles))
	o := org.New(d, ids, clk)
	check(t, o.SeedPositions(ctx))
	dc, err := o.LoadDemo(ctx, rand.New(rand.NewPCG(1, 2)))
	check(t, err)
	tr := training.New(d, o, sys, clk)
	check(t, tr.Seed(ctx))
	s := New(d, o, sys, clk)
	s.Training = tr
	s.Learning = learning.New(d, o, sys, tr, blob.NewLocal(filepath.Join(t.TempDir(), "files")), clk)
	s.Notify = notify.New(d, clk)
	return &world{t: t, d: d, clock: clk, s: s, org: o, dc: dc}
}

// each runs fn on SQLite and PostgreSQL.
func each(t *testing.T, fn func(t *testing.T, w *world)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { fn(t, newWorld(t, d)) })
}

// as is a request context of demo employee no (E001...) with scope and
// the visible employees org would resolve for it (self: only them), with
// an operation-log entry as the API middleware gives writes.
func (w *world) as(no string, scope auth.Scope, visible ...string) context.Context {
	id := w.dc.Employees[no]
	p := &auth.Principal{UserID: 5000 + id, Username: no, EmployeeID: id, Scope: scope, Perms: map[string]bool{}}
	if scope != auth.ScopeAll {
		p.Depts, p.Shops, p.Employees = []int64{}, []int64{}, []int64{id}
		for _, v := range visible {
			p.Employees = append(p.Employees, w.dc.Employees[v])
		}
	}
	ctx := auth.With(context.Background(), p)
	return trail.With(ctx, &trail.Entry{UserID: p.UserID, Username: no, Action: "test", Started: time.Now()})
}

// admin is a system-wide context (HR / trainer).
func (w *world) admin() context.Context { return w.as("E016", auth.ScopeAll) }

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t testing.TB, err error, code apperr.Code) {
	t.Helper()
	if !apperr.Is(err, code) {
		t.Fatalf("want %s, got %v", code, err)
	}
}

// wantReason fails unless err is a refusal of code carrying reason.
func wantReason(t testing.TB, err error, code apperr.Code, reason string) {
	t.Helper()
	wantCode(t, err, code)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Reason.Code != reason {
		t.Fatalf("want reason %s, got %v (%+v)", reason, err, ae)
	}
}

// question adds a question to the bank.
func (w *world) question(in QuestionInput) Question {
	w.t.Helper()
	q, err := w.s.CreateQuestion(w.admin(), in)
	check(w.t, err)
	return q
}

// bank adds one question of every kind (2 points each, short 4 points)
// and returns them in kind order: single, multiple, truefalse, fill, short.
func (w *world) bank() []Question {
	return []Question{
		w.question(QuestionInput{Kind: KindSingle, Content: Content{Stem: "支付转化率的分母是?", Points: 2,
			Options: []Option{{Text: "访客数"}, {Text: "浏览量"}, {Text: "订单数"}}, Key: Key{Choices: []string{"A"}}, Explanation: "EXPLAIN-single-7f3a"}}),
		w.question(QuestionInput{Kind: KindMultiple, Content: Content{Stem: "哪些属于营销工具?", Points: 2,
			Options: []Option{{Text: "满减"}, {Text: "优惠券"}, {Text: "退款"}, {Text: "直通车"}}, Key: Key{Choices: []string{"A", "B", "D"}}}}),
		w.question(QuestionInput{Kind: KindTrueFalse, Content: Content{Stem: "客单价等于GMV除以订单数。", Points: 2, Key: Key{True: boolp(false)}}}),
		w.question(QuestionInput{Kind: KindFill, Content: Content{Stem: "库存量单位的英文缩写是___。", Points: 2,
			Key: Key{Blanks: [][]string{{"SKU-KEY-91c2", "库存单位KEY"}}}}}),
		w.question(QuestionInput{Kind: KindShort, Content: Content{Stem: "如何降低退款率?", Points: 4,
			Rubric: "RUBRIC-5d1e 原因分析2分 措施2分", ReferenceAnswer: "REFERENCE-0b7c"}}),
	}
}

// fixedPaper puts questions on a fixed paper.
func (w *world) fixedPaper(qs []Question, rule string) Paper {
	w.t.Helper()
	in := PaperInput{Title: "测验", Mode: PaperFixed, MultiRule: rule}
	for _, q := range qs {
		in.Items = append(in.Items, PaperItemInput{QuestionID: q.ID})
	}
	p, err := w.s.CreatePaper(w.admin(), in)
	check(w.t, err)
	return p
}

// exam creates and publishes an exam on paper.
func (w *world) exam(p Paper, in ExamInput) Exam {
	w.t.Helper()
	in.PaperID = p.ID
	if in.Title == "" {
		in.Title = "考试"
	}
	e, err := w.s.CreateExam(w.admin(), in)
	check(w.t, err)
	e, err = w.s.PublishExam(w.admin(), e.ID, e.Version)
	check(w.t, err)
	return e
}

func intp(v int) *int { return &v }
