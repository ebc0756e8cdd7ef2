package learning

import (
	"context"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/training"
)

// approvedItem makes an approved 2026 plan with one item and returns it.
func (w *world) approvedItem(category string, budget int64) training.PlanItem {
	w.t.Helper()
	ctx := context.Background()
	p := must(w.tr.CreatePlan(ctx, training.Plan{Year: 2026, Title: "2026 年度培训计划"}))
	it := must(w.tr.CreatePlanItem(ctx, p.ID, training.PlanItemInput{Title: "店铺运营基础", Category: category, Method: "lecture",
		TargetMonth: 11, BudgetFen: budget}))
	p = must(w.tr.ActOnPlan(ctx, p.ID, "submit", "", must(w.tr.Plan(ctx, p.ID)).Version))
	must(w.tr.ActOnPlan(ctx, p.ID, "approve", "", p.Version))
	return it
}

// TestPlanDelivery: a session set up for a plan item schedules it and its
// completion delivers it; an unknown item is refused; approved external
// costs are summed against the item's budget.
func TestPlanDelivery(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		it := w.approvedItem("basics", 500000)
		ctx := w.as("trainer")
		bad := int64(999999)
		start := w.clock.Now().Add(time.Hour)
		_, err := w.s.CreateSession(ctx, Session{Title: "x", StartsAt: start, EndsAt: start.Add(time.Hour), PlanItemID: &bad})
		wantCode(t, err, apperr.Invalid)
		x := must(w.s.CreateSession(ctx, Session{Title: "基础培训", StartsAt: start, EndsAt: start.Add(time.Hour), PlanItemID: &it.ID}))
		if got := must(w.tr.PlanItem(context.Background(), it.ID)); got.Status != training.ItemScheduled {
			t.Fatalf("item after scheduling: %s", got.Status)
		}
		w.clock.Advance(3 * time.Hour)
		must(w.s.CompleteSession(ctx, x.ID))
		got := must(w.tr.PlanItem(context.Background(), it.ID))
		if got.Status != training.ItemDelivered || got.DeliveredDate != "2026-11-02" {
			t.Fatalf("item after the session: %s %s", got.Status, got.DeliveredDate)
		}
		must(struct{}{}, w.s.SyncDelivered(context.Background())) // idempotent

		req := externalReq("2026-11-20", "2026-11-21")
		req.PlanItemID, req.Category = &it.ID, "basics"
		x2 := must(w.s.RequestExternal(w.as("ops1"), req))
		must(w.s.DecideExternal(w.as("manager", "learning:external:approve"), x2.ID, true, ""))
		costs := must(w.s.Costs(w.as("hradmin"), 2026))
		if !costs.PlanLinked || len(costs.ByPlanItem) != 1 {
			t.Fatalf("costs: %+v", costs)
		}
		line := costs.ByPlanItem[0]
		if line.SpentFen != 150000 || *line.BudgetFen != 500000 || *line.RemainFen != 350000 || line.BudgetShare.Value != 0.3 {
			t.Fatalf("plan item line: %+v", line)
		}
	})
}
