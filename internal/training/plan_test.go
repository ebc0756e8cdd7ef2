package training

import (
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

// TestPlanWorkflowAndCompletion: items change only in draft/rejected plans,
// submit -> reject (comment) -> submit -> approve with history, statuses
// change only once approved, linked needs follow their items, and the
// completion rate counts due items as of the injected clock.
func TestPlanWorkflowAndCompletion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := f.ctx()
		need, err := f.svc.CreateNeed(ctx, NeedInput{Topic: "数据分析", Audience: Audience{EmployeeIDs: []int64{f.emp["A"]}}})
		check(t, err)
		p, err := f.svc.CreatePlan(ctx, Plan{Year: 2026, Title: "2026 年度培训计划"})
		check(t, err)
		_, err = f.svc.CreatePlan(ctx, Plan{Year: 2026, Title: "again"})
		if fieldOf(err) != "body.year" {
			t.Fatalf("second plan for a year: %v", err)
		}
		wantReason(t, errOf(f.svc.ActOnPlan(ctx, p.ID, "submit", "", p.Version)), apperr.Invalid, "plan_empty") // no items
		trainer, other := f.emp["T"], f.emp["M"]
		add := func(in PlanItemInput) PlanItem {
			t.Helper()
			in.Category, in.Method = "professional", "lecture"
			it, err := f.svc.CreatePlanItem(ctx, p.ID, in)
			check(t, err)
			return it
		}
		i1 := add(PlanItemInput{Title: "数据分析入门", TargetMonth: 3, LecturerEmployeeID: &trainer, NeedIDs: []int64{need.ID}, BudgetFen: 500000})
		i2 := add(PlanItemInput{Title: "活动策划", StartDate: "2026-06-10", EndDate: "2026-06-11", LecturerEmployeeID: &trainer})
		i3 := add(PlanItemInput{Title: "客服话术", TargetMonth: 7, LecturerEmployeeID: &other})
		i4 := add(PlanItemInput{Title: "双11", TargetMonth: 10, LecturerEmployeeID: &trainer})
		i5 := add(PlanItemInput{Title: "取消项", TargetMonth: 5, LecturerEmployeeID: &trainer})
		_, err = f.svc.CreatePlanItem(ctx, p.ID, PlanItemInput{Title: "x", Category: "basics", Method: "lecture", StartDate: "2027-01-01"})
		if fieldOf(err) != "body.start_date" {
			t.Fatalf("date outside the plan year: %v", err)
		}
		if n, _ := f.svc.Need(ctx, need.ID); n.Status != NeedPlanned || len(n.PlanItemIDs) != 1 {
			t.Fatalf("linked need: %+v", n)
		}
		if i1.DueDate != "2026-03-31" || i2.DueDate != "2026-06-11" {
			t.Fatalf("due dates %s %s", i1.DueDate, i2.DueDate)
		}
		// not approved yet: nothing is executed
		wantReason(t, errOf(f.svc.MarkItemDelivered(ctx, i1.ID, "")), apperr.Invalid, "plan_not_approved")

		p, err = f.svc.Plan(ctx, p.ID)
		check(t, err)
		p, err = f.svc.ActOnPlan(ctx, p.ID, "submit", "初稿", p.Version)
		check(t, err)
		wantReason(t, errOf(f.svc.CreatePlanItem(ctx, p.ID, PlanItemInput{Title: "late", Category: "basics", Method: "lecture", TargetMonth: 1})), apperr.Invalid, "plan_not_editable")
		wantCode(t, errOf(f.svc.ActOnPlan(ctx, p.ID, "approve", "", p.Version-1)), apperr.Conflict)
		p, err = f.svc.ActOnPlan(ctx, p.ID, "reject", "预算过高", p.Version)
		check(t, err)
		if p.Status != PlanRejected || p.LastComment != "预算过高" {
			t.Fatalf("rejected: %+v", p)
		}
		check(t, f.svc.DeletePlanItem(ctx, i5.ID))
		i5 = add(PlanItemInput{Title: "取消项", TargetMonth: 5, LecturerEmployeeID: &trainer})
		p, err = f.svc.ActOnPlan(ctx, p.ID, "submit", "已调整", p.Version)
		check(t, err)
		p, err = f.svc.ActOnPlan(ctx, p.ID, "approve", "同意", p.Version)
		check(t, err)
		reviews, err := f.svc.PlanReviews(ctx, p.ID)
		check(t, err)
		if len(reviews) != 4 || reviews[1].Action != "reject" || reviews[3].ToStatus != PlanApproved {
			t.Fatalf("history: %+v", reviews)
		}
		if p.BudgetFen != 500000 || p.Items != 5 {
			t.Fatalf("plan totals: %+v", p)
		}

		// 2026-07-15: due are i1 (03-31), i2 (06-11), i5 (05-31, cancelled below)
		_, err = f.svc.MarkItemDelivered(ctx, i1.ID, "2026-03-28")
		check(t, err)
		again, err := f.svc.MarkItemDelivered(ctx, i1.ID, "2026-03-29") // a retry changes nothing
		check(t, err)
		if again.DeliveredDate != "2026-03-28" {
			t.Fatalf("retried delivery moved the date: %s", again.DeliveredDate)
		}
		if n, _ := f.svc.Need(ctx, need.ID); n.Status != NeedMet {
			t.Fatalf("need of a delivered item: %s", n.Status)
		}
		_, err = f.svc.SetPlanItemStatus(ctx, i5.ID, ItemStatusChange{Status: ItemCancelled})
		check(t, err)
		_, err = f.svc.SetPlanItemStatus(ctx, i4.ID, ItemStatusChange{Status: ItemDelivered, DeliveredDate: "2026-07-20"})
		if fieldOf(err) != "body.delivered_date" {
			t.Fatalf("delivery in the future: %v", err)
		}
		_, err = f.svc.SetPlanItemStatus(ctx, i3.ID, ItemStatusChange{Status: ItemDelivered}) // early, today
		check(t, err)

		c, err := f.svc.PlanCompletion(ctx, CompletionQuery{})
		check(t, err)
		// due: i1, i2, i3 (delivered early); delivered: i1, i3
		if c.Year != 2026 || c.AsOf != "2026-07-15" || c.Numerator != 2 || c.Denominator != 3 {
			t.Fatalf("overall: %+v", c)
		}
		mine, err := f.svc.PlanCompletion(ctx, CompletionQuery{LecturerEmployeeID: trainer})
		check(t, err)
		if mine.Numerator != 1 || mine.Denominator != 2 || mine.LecturerName != "员工T" {
			t.Fatalf("trainer: %+v", mine)
		}
		f.clock.Advance(100 * 24 * time.Hour) // 2026-10-23: i4 (10-31) still not due
		rep, err := f.svc.PlanCompletionReport(ctx, CompletionQuery{Year: 2026})
		check(t, err)
		if rep.Overall.Denominator != 3 || len(rep.ByLecturer) != 2 {
			t.Fatalf("report: %+v", rep)
		}
		f.clock.Advance(10 * 24 * time.Hour) // 2026-11-02: i4 due
		rep, err = f.svc.PlanCompletionReport(ctx, CompletionQuery{Year: 2026})
		check(t, err)
		if rep.Overall.Numerator != 2 || rep.Overall.Denominator != 4 || *rep.Overall.Value != 0.5 {
			t.Fatalf("after October: %+v", rep.Overall)
		}
		// as_of in the past is reproducible
		old, err := f.svc.PlanCompletion(ctx, CompletionQuery{Year: 2026, AsOf: "2026-04-30"})
		check(t, err)
		if old.Numerator != 1 || old.Denominator != 1 {
			t.Fatalf("as of April: %+v", old)
		}
		// cancelling the delivered item's sibling does not touch the met need; unlinking is impossible once approved
		wantCode(t, errOf(f.svc.UpdatePlanItem(ctx, i1.ID, PlanItemInput{Title: "x", Category: "basics", Method: "lecture", TargetMonth: 3, Version: 1})), apperr.Invalid)
		wantReason(t, f.svc.DeleteNeed(ctx, need.ID), apperr.Invalid, "need_linked")
	})
}

// TestNeedAndProblemScope: a manager sees problems owned and needs naming
// people in their department and below; others are not found, and they
// cannot address people outside it.
func TestNeedAndProblemScope(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	ctx := f.ctx()
	pa, err := f.svc.CreateProblem(ctx, BusinessProblem{Title: "退货率高", Area: "returns", OwnerID: f.emp["A"], Evidence: Evidence{Metric: "refund_rate", Period: "2026-06", Value: "9%"}})
	check(t, err)
	pc, err := f.svc.CreateProblem(ctx, BusinessProblem{Title: "投诉多", Area: "complaints", OwnerID: f.emp["C"]})
	check(t, err)
	_, err = f.svc.RaiseProblemNeed(ctx, pc.ID, NeedInput{Topic: "情绪管理", Audience: Audience{DepartmentIDs: []int64{f.dept["客服部"]}}})
	check(t, err)
	pos, err := f.svc.CreateNeed(ctx, NeedInput{Topic: "平台规则", Audience: Audience{PositionIDs: []int64{f.pos["ops"]}}})
	check(t, err)

	mgr := f.as("M", auth.ScopeDeptAndBelow)
	probs, _, err := f.svc.ListProblems(mgr, ProblemFilter{})
	check(t, err)
	if len(probs) != 1 || probs[0].ID != pa.ID {
		t.Fatalf("problems in scope: %+v", probs)
	}
	wantCode(t, errOf(f.svc.Problem(mgr, pc.ID)), apperr.NotFound)
	wantCode(t, errOf(f.svc.UpdateProblem(mgr, pc.ID, BusinessProblem{Title: "x", Area: "other", OwnerID: f.emp["A"], Version: 1})), apperr.NotFound)
	wantCode(t, errOf(f.svc.RaiseProblemNeed(mgr, pc.ID, NeedInput{Topic: "x", Audience: Audience{EmployeeIDs: []int64{f.emp["A"]}}})), apperr.NotFound)
	_, err = f.svc.CreateProblem(mgr, BusinessProblem{Title: "x", Area: "other", OwnerID: f.emp["C"]})
	if fieldOf(err) != "body.owner_id" {
		t.Fatalf("problem owned outside the scope: %v", err)
	}

	// manager requests: own people and departments only, no whole positions
	own, err := f.svc.CreateNeed(mgr, NeedInput{Topic: "直播运营", Audience: Audience{DepartmentIDs: []int64{f.dept["天猫组"]}}})
	check(t, err)
	if own.Source != SourceManager || own.RequestedBy == nil || *own.RequestedBy != f.emp["M"] {
		t.Fatalf("manager request: %+v", own)
	}
	for _, a := range []Audience{{EmployeeIDs: []int64{f.emp["C"]}}, {PositionIDs: []int64{f.pos["ops"]}}} {
		if _, err := f.svc.CreateNeed(mgr, NeedInput{Topic: "x", Audience: a}); fieldOf(err) != "body.audience" {
			t.Fatalf("need beyond the scope %+v: %v", a, err)
		}
	}
	needs, _, err := f.svc.ListNeeds(mgr, NeedFilter{})
	check(t, err)
	if len(needs) != 1 || needs[0].ID != own.ID {
		t.Fatalf("needs in scope: %+v", needs)
	}
	wantCode(t, errOf(f.svc.Need(mgr, pos.ID)), apperr.NotFound)
	sum, err := f.svc.NeedSummary(ctx, NeedSummaryFilter{})
	check(t, err)
	if len(sum) != 3 {
		t.Fatalf("summary topics: %+v", sum)
	}
}
