package training

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// PlanFilter filters plans. Plans are company-wide: permission-checked, not
// data-scoped.
type PlanFilter struct {
	api.Page
	Year   int    `query:"year"`
	Status string `query:"status" enum:"draft,submitted,approved,rejected,"`
}

// ListPlans returns a page of plans, latest year first, with item totals.
func (s *Service) ListPlans(ctx context.Context, f PlanFilter) ([]Plan, int, error) {
	var items []Plan
	q := s.db.R.NewSelect().Model(&items)
	if f.Year != 0 {
		q = q.Where("tp.year = ?", f.Year)
	}
	if f.Status != "" {
		q = q.Where("tp.status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "tp.id", "year": "tp.year", "status": "tp.status"}, "-year")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list plans")
	}
	return items, int(n), fillPlans(ctx, s.db.R, items)
}

func fillPlans(ctx context.Context, idb bun.IDB, plans []Plan) error {
	if len(plans) == 0 {
		return nil
	}
	ids := make([]int64, len(plans))
	for i := range plans {
		ids[i] = plans[i].ID
		plans[i].ByStatus, plans[i].ByCategory = map[string]int{}, map[string]int{}
	}
	var rows []struct {
		PlanID   int64  `bun:"plan_id"`
		Status   string `bun:"status"`
		Category string `bun:"category"`
		N        int    `bun:"n"`
		Budget   int64  `bun:"budget"`
	}
	if err := idb.NewSelect().Model((*PlanItem)(nil)).ColumnExpr("pi.plan_id, pi.status, pi.category, count(*) AS n, sum(pi.budget_fen) AS budget").
		Where("pi.plan_id IN (?)", bun.In(ids)).GroupExpr("pi.plan_id, pi.status, pi.category").Scan(ctx, &rows); err != nil {
		return apperr.Wrap(err, "count plan items")
	}
	var reviews []PlanReview
	if err := idb.NewSelect().Model(&reviews).Where("rv.plan_id IN (?)", bun.In(ids)).OrderExpr("rv.id").Scan(ctx); err != nil {
		return apperr.Wrap(err, "load reviews")
	}
	for i := range plans {
		p := &plans[i]
		for _, r := range rows {
			if r.PlanID != p.ID {
				continue
			}
			p.Items += r.N
			p.ByStatus[r.Status] += r.N
			if r.Status != ItemCancelled {
				p.BudgetFen += r.Budget
				p.ByCategory[r.Category] += r.N
			}
		}
		for _, rv := range reviews {
			if rv.PlanID == p.ID {
				p.LastComment = rv.Comment
			}
		}
	}
	return nil
}

// Plan returns one plan with item totals. Errors: not_found.
func (s *Service) Plan(ctx context.Context, id int64) (Plan, error) { return s.plan(ctx, s.db.R, id) }

func (s *Service) plan(ctx context.Context, idb bun.IDB, id int64) (Plan, error) {
	var p Plan
	if err := idb.NewSelect().Model(&p).Where("tp.id = ?", id).Scan(ctx); err != nil {
		return p, db.NotFound(err, "training plan", id)
	}
	ps := []Plan{p}
	err := fillPlans(ctx, idb, ps)
	return ps[0], err
}

// CreatePlan adds a draft plan for a year. Errors: invalid (including a
// year that has a plan).
func (s *Service) CreatePlan(ctx context.Context, p Plan) (Plan, error) {
	if err := validatePlan(&p); err != nil {
		return p, err
	}
	var out Plan
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		p.ID, p.Status, p.SubmittedAt, p.DecidedAt, p.Version, p.CreatedAt, p.UpdatedAt = 0, PlanDraft, nil, nil, 1, now, now
		if _, err := tx.NewInsert().Model(&p).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.year", apperr.Taken(p.Year), "%d already has a training plan", p.Year)
			}
			return apperr.Wrap(err, "create plan")
		}
		var err error
		if out, err = s.plan(ctx, tx, p.ID); err != nil {
			return err
		}
		trail.Change(ctx, "training_plan", p.ID, nil, out)
		return nil
	})
	return out, err
}

// UpdatePlan changes the title and goals of a draft or rejected plan (the
// year stays). Errors: invalid, not_found, conflict.
func (s *Service) UpdatePlan(ctx context.Context, id int64, p Plan) (Plan, error) {
	var out Plan
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.plan(ctx, tx, id)
		if err != nil {
			return err
		}
		p.Year = cur.Year
		if err := validatePlan(&p); err != nil {
			return err
		}
		if !cur.editable() {
			return apperr.Refuse(apperr.Invalid, apperr.Because("plan_not_editable", apperr.P{"year": cur.Year, "status": cur.Status}), "the %d plan is %s; only a draft or rejected plan is edited", cur.Year, cur.Status)
		}
		p.ID, p.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &p, "training plan", id, p.Version, "title", "goals", "updated_at"); err != nil {
			return err
		}
		if out, err = s.plan(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "training_plan", id, cur, out)
		return nil
	})
	return out, err
}

// DeletePlan removes a draft plan with its items; needs it addressed go
// back to open. Errors: not_found, invalid.
func (s *Service) DeletePlan(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.plan(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status != PlanDraft {
			return apperr.Refuse(apperr.Invalid, apperr.Because("plan_not_draft", apperr.P{"year": cur.Year, "status": cur.Status}), "the %d plan is %s; only a draft is deleted", cur.Year, cur.Status)
		}
		var needs, items []int64
		if err := tx.NewSelect().Model((*itemNeed)(nil)).Column("l.need_id").Join("JOIN training_plan_items AS pi ON pi.id = l.item_id").
			Where("pi.plan_id = ?", id).Scan(ctx, &needs); err != nil {
			return apperr.Wrap(err, "load plan needs")
		}
		if err := tx.NewSelect().Model((*PlanItem)(nil)).Column("pi.id").Where("pi.plan_id = ?", id).Scan(ctx, &items); err != nil {
			return apperr.Wrap(err, "load plan items")
		}
		for _, it := range items {
			if err := deleteAudience(ctx, tx, ownerPlanItem, it); err != nil {
				return err
			}
		}
		if _, err := tx.NewDelete().Model((*Plan)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete plan")
		}
		if err := refreshNeedStatus(ctx, tx, needs, s.now()); err != nil {
			return err
		}
		trail.Change(ctx, "training_plan", id, cur, nil)
		return nil
	})
}

// ActOnPlan moves a plan through its workflow: "submit" (draft or rejected,
// needs at least one item; training:plan:update), "approve" or "reject"
// (submitted; training:plan:approve; rejecting needs a comment). Each step
// is kept in the plan's review history. Errors: invalid, not_found, conflict.
func (s *Service) ActOnPlan(ctx context.Context, id int64, action, comment string, version int) (Plan, error) {
	var out Plan
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.plan(ctx, tx, id)
		if err != nil {
			return err
		}
		to, err := nextStatus(cur.Status, action, comment)
		if err != nil {
			return err
		}
		if action == "submit" && cur.Items-cur.ByStatus[ItemCancelled] == 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("plan_empty", apperr.P{"year": cur.Year}), "the %d plan has no items to submit", cur.Year)
		}
		now := s.now()
		next := cur
		next.Status, next.UpdatedAt = to, now
		cols := []string{"status", "updated_at"}
		if action == "submit" {
			next.SubmittedAt = &now
			cols = append(cols, "submitted_at")
		} else {
			next.DecidedAt = &now
			cols = append(cols, "decided_at")
		}
		if err := db.UpdateVersioned(ctx, tx, &next, "training plan", id, version, cols...); err != nil {
			return err
		}
		rv := PlanReview{PlanID: id, Action: action, FromStatus: cur.Status, ToStatus: to, Comment: strings.TrimSpace(comment), At: now}
		if p := auth.From(ctx); p != nil {
			rv.UserID, rv.UserName = &p.UserID, p.Name
		}
		if _, err := tx.NewInsert().Model(&rv).Exec(ctx); err != nil {
			return apperr.Wrap(err, "record review")
		}
		if out, err = s.plan(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "training_plan", id, map[string]any{"status": cur.Status}, map[string]any{"status": to, "action": action, "comment": rv.Comment})
		return nil
	})
	return out, err
}

// PlanReviews returns a plan's workflow history, oldest first. Errors: not_found.
func (s *Service) PlanReviews(ctx context.Context, id int64) ([]PlanReview, error) {
	if _, err := s.Plan(ctx, id); err != nil {
		return nil, err
	}
	var out []PlanReview
	err := s.db.R.NewSelect().Model(&out).Where("rv.plan_id = ?", id).OrderExpr("rv.id").Scan(ctx)
	if out == nil {
		out = []PlanReview{}
	}
	return out, apperr.Wrap(err, "load reviews")
}
