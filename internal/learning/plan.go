package learning

import (
	"context"
	"log/slog"
	"time"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/training"
)

// trainingPlan is the training module's annual plan as PlanLink. Plan
// reads run without the caller's principal: an item is company-wide
// reference data whatever the caller's data scope.
type trainingPlan struct{ t *training.Service }

func item(it training.PlanItem) PlanItem {
	return PlanItem{ID: it.ID, Year: it.Year, Title: it.Title, Category: it.Category, BudgetFen: it.BudgetFen, Status: it.Status}
}

func (p trainingPlan) PlanItem(ctx context.Context, id int64) (PlanItem, error) {
	it, err := p.t.PlanItem(auth.With(ctx, nil), id)
	return item(it), err
}

func (p trainingPlan) PlanItems(ctx context.Context, year int) ([]PlanItem, error) {
	items, _, err := p.t.ListPlanItems(auth.With(ctx, nil), training.PlanItemFilter{Page: api.Page{Sort: "id"}, Year: year, ApprovedOnly: true})
	out := make([]PlanItem, 0, len(items))
	for _, it := range items {
		out = append(out, item(it))
	}
	return out, err
}

// MarkScheduled moves a planned item to scheduled; other statuses stay.
func (p trainingPlan) MarkScheduled(ctx context.Context, id int64) error {
	it, err := p.t.PlanItem(auth.With(ctx, nil), id)
	if err != nil || it.Status != training.ItemPlanned {
		return err
	}
	_, err = p.t.SetPlanItemStatus(ctx, id, training.ItemStatusChange{Status: training.ItemScheduled})
	return err
}

// MarkDelivered delivers an item of an approved plan; an item that is
// delivered already stays as it is (training's MarkItemDelivered).
func (p trainingPlan) MarkDelivered(ctx context.Context, id int64, on string) error {
	_, err := p.t.MarkItemDelivered(ctx, id, on)
	return err
}

// checkPlanItem validates a plan item id against the training plan when the
// link is wired; without it the id is kept as given (see Service.Plan).
// It runs before learning's own transaction, so the plan may open its own.
func (s *Service) checkPlanItem(ctx context.Context, id *int64) error {
	if s.Plan == nil || id == nil {
		return nil
	}
	it, err := s.Plan.PlanItem(ctx, *id)
	if apperr.Is(err, apperr.NotFound) {
		return apperr.Reject("body.plan_item_id", apperr.Missing(*id), "plan item %d does not exist", *id)
	}
	if err == nil && it.Status == "cancelled" {
		return apperr.Reject("body.plan_item_id", apperr.Because("cancelled", apperr.P{"id": *id, "title": it.Title}), "plan item %d (%s) is cancelled", *id, it.Title)
	}
	return err
}

// markScheduled tells the plan, after learning's commit, that a session was
// set up for an item; a failure (e.g. the plan is not approved yet) is
// logged and changes nothing here.
func (s *Service) markScheduled(ctx context.Context, id *int64) {
	if s.Plan == nil || id == nil {
		return
	}
	if err := s.Plan.MarkScheduled(ctx, *id); err != nil {
		slog.WarnContext(ctx, "plan item not marked scheduled", "plan_item", *id, "err", err)
	}
}

// markDelivered tells the training plan, after learning's commit, that an
// item was delivered on a business date. A failure is logged: the session
// keeps delivered_at and SyncDelivered repeats the marking (idempotent).
func (s *Service) markDelivered(ctx context.Context, id *int64, on string) {
	if s.Plan == nil || id == nil {
		return
	}
	if err := s.Plan.MarkDelivered(ctx, *id, on); err != nil {
		slog.WarnContext(ctx, "plan item not marked delivered", "plan_item", *id, "err", err)
	}
}

// SyncDelivered marks the plan item of every completed session delivered;
// the application runs it at start so sessions completed before the plan
// link existed, or whose marking failed, reach the plan. Idempotent.
func (s *Service) SyncDelivered(ctx context.Context) error {
	if s.Plan == nil {
		return nil
	}
	var done []Session
	if err := s.db.R.NewSelect().Model(&done).Column("s.plan_item_id", "s.starts_at").
		Where("s.status = 'completed' AND s.plan_item_id IS NOT NULL").Scan(ctx); err != nil {
		return apperr.Wrap(err, "list delivered sessions")
	}
	for _, x := range done {
		if err := s.Plan.MarkDelivered(ctx, *x.PlanItemID, x.StartsAt.In(s.system.Location(ctx)).Format(time.DateOnly)); err != nil && !apperr.Is(err, apperr.NotFound) {
			return err
		}
	}
	return nil
}
