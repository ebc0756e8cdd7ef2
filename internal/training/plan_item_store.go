package training

import (
	"context"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// PlanItemFilter filters plan items.
type PlanItemFilter struct {
	api.Page
	PlanID             int64  `query:"plan_id"`
	Year               int    `query:"year"`
	ApprovedOnly       bool   `query:"approved_only" doc:"only items of approved plans (what may be scheduled)"`
	Status             string `query:"status" enum:"planned,scheduled,delivered,cancelled,"`
	Category           string `query:"category" enum:"basics,professional,marketing,customer_service,management,other,"`
	Method             string `query:"method" enum:"lecture,case_study,practice,discussion,online,"`
	Month              int    `query:"month" minimum:"0" maximum:"12" doc:"month of the due date"`
	LecturerEmployeeID int64  `query:"lecturer_employee_id"`
	Q                  string `query:"q" doc:"matches title or goal"`
}

// dueMonthSQL is the month of an item's due date (see dueDate).
const dueMonthSQL = `(CASE WHEN pi.end_date <> '' THEN CAST(substr(pi.end_date, 6, 2) AS INTEGER)
	WHEN pi.start_date <> '' THEN CAST(substr(pi.start_date, 6, 2) AS INTEGER) ELSE pi.target_month END)`

// ListPlanItems returns a page of plan items in plan order (sort, due month).
func (s *Service) ListPlanItems(ctx context.Context, f PlanItemFilter) ([]PlanItem, int, error) {
	var items []PlanItem
	q := s.db.R.NewSelect().Model(&items)
	if f.PlanID != 0 {
		q = q.Where("pi.plan_id = ?", f.PlanID)
	}
	if f.Year != 0 || f.ApprovedOnly {
		sub := s.db.R.NewSelect().Model((*Plan)(nil)).Column("tp.id")
		if f.Year != 0 {
			sub = sub.Where("tp.year = ?", f.Year)
		}
		if f.ApprovedOnly {
			sub = sub.Where("tp.status = ?", PlanApproved)
		}
		q = q.Where("pi.plan_id IN (?)", sub)
	}
	for col, val := range map[string]string{"pi.status": f.Status, "pi.category": f.Category, "pi.method": f.Method} {
		if val != "" {
			q = q.Where("? = ?", bun.Ident(col), val)
		}
	}
	if f.Month != 0 {
		q = q.Where(dueMonthSQL+" = ?", f.Month)
	}
	if f.LecturerEmployeeID != 0 {
		q = q.Where("pi.lecturer_employee_id = ?", f.LecturerEmployeeID)
	}
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(pi.title) LIKE ? OR lower(pi.goal) LIKE ?)", like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "pi.id", "title": "pi.title", "status": "pi.status", "sort": "pi.sort", "budget_fen": "pi.budget_fen"}, "sort")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q.OrderExpr(dueMonthSQL + ", pi.id")).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list plan items")
	}
	return items, int(n), s.fillItems(ctx, s.db.R, items)
}

// fillItems adds year, due date, audience, lecturer name and linked needs.
func (s *Service) fillItems(ctx context.Context, idb bun.IDB, items []PlanItem) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	var planIDs, lecturerIDs []int64
	for i, it := range items {
		ids[i] = it.ID
		planIDs = append(planIDs, it.PlanID)
		if it.ExternalLecturerID != nil {
			lecturerIDs = append(lecturerIDs, *it.ExternalLecturerID)
		}
	}
	var plans []Plan
	if err := idb.NewSelect().Model(&plans).Column("tp.id", "tp.year").Where("tp.id IN (?)", bun.In(planIDs)).Scan(ctx); err != nil {
		return apperr.Wrap(err, "load plan years")
	}
	auds, err := loadAudiences(ctx, idb, ownerPlanItem, ids)
	if err != nil {
		return err
	}
	lecturers := map[int64]string{}
	if err := scanNames(ctx, idb, "external_lecturers", "name", lecturerIDs, lecturers); err != nil {
		return err
	}
	var links []itemNeed
	if err := idb.NewSelect().Model(&links).Where("l.item_id IN (?)", bun.In(ids)).OrderExpr("l.need_id").Scan(ctx); err != nil {
		return apperr.Wrap(err, "load item needs")
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	for i := range items {
		it := &items[i]
		for _, p := range plans {
			if p.ID == it.PlanID {
				it.Year = p.Year
			}
		}
		it.DueDate = dueDate(it.Year, *it)
		it.Audience = auds[it.ID]
		it.AudienceText = dir.describe(it.Audience)
		it.LecturerName = lecturerName(dir, lecturers, *it)
		it.NeedIDs = []int64{}
		for _, l := range links {
			if l.ItemID == it.ID {
				it.NeedIDs = append(it.NeedIDs, l.NeedID)
			}
		}
	}
	return nil
}

// PlanItem returns one plan item. Errors: not_found.
func (s *Service) PlanItem(ctx context.Context, id int64) (PlanItem, error) {
	return s.planItem(ctx, s.db.R, id)
}

func (s *Service) planItem(ctx context.Context, idb bun.IDB, id int64) (PlanItem, error) {
	var it PlanItem
	if err := idb.NewSelect().Model(&it).Where("pi.id = ?", id).Scan(ctx); err != nil {
		return it, db.NotFound(err, "plan item", id)
	}
	items := []PlanItem{it}
	err := s.fillItems(ctx, idb, items)
	return items[0], err
}

// PlanItemInput is the writable part of a plan item.
type PlanItemInput struct {
	Title              string   `json:"title" minLength:"1" maxLength:"200"`
	Goal               string   `json:"goal,omitempty" maxLength:"2000"`
	Category           string   `json:"category" enum:"basics,professional,marketing,customer_service,management,other"`
	Method             string   `json:"method" enum:"lecture,case_study,practice,discussion,online"`
	TargetMonth        int      `json:"target_month,omitempty" minimum:"0" maximum:"12"`
	StartDate          string   `json:"start_date,omitempty"`
	EndDate            string   `json:"end_date,omitempty"`
	LecturerEmployeeID *int64   `json:"lecturer_employee_id,omitempty"`
	ExternalLecturerID *int64   `json:"external_lecturer_id,omitempty"`
	BudgetFen          int64    `json:"budget_fen,omitempty" minimum:"0"`
	Sort               int      `json:"sort,omitempty"`
	Audience           Audience `json:"audience"`
	NeedIDs            []int64  `json:"need_ids,omitempty" maxItems:"500" doc:"needs it addresses; linking makes them planned"`
	Version            int      `json:"version,omitempty" doc:"required on update"`
}

func (in PlanItemInput) model() PlanItem {
	return PlanItem{Title: in.Title, Goal: in.Goal, Category: in.Category, Method: in.Method, TargetMonth: in.TargetMonth,
		StartDate: in.StartDate, EndDate: in.EndDate, LecturerEmployeeID: in.LecturerEmployeeID, ExternalLecturerID: in.ExternalLecturerID,
		BudgetFen: in.BudgetFen, Sort: in.Sort, Version: in.Version}
}

// checkItemRefs validates an item against its plan, the organisation, the
// lecturer registry and the needs pool.
func (s *Service) checkItemRefs(ctx context.Context, tx bun.IDB, p Plan, it *PlanItem, in PlanItemInput) error {
	if !p.editable() {
		return apperr.Refuse(apperr.Invalid, apperr.Because("plan_not_editable", apperr.P{"year": p.Year, "status": p.Status}), "the %d plan is %s; items change while it is a draft or rejected", p.Year, p.Status)
	}
	if err := validatePlanItem(p.Year, it); err != nil {
		return err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	var v apperr.Validation
	dir.validate(&v, "body.audience", in.Audience)
	if it.LecturerEmployeeID != nil {
		if _, ok := dir.emps[*it.LecturerEmployeeID]; !ok {
			v.Reject("body.lecturer_employee_id", apperr.Missing(*it.LecturerEmployeeID), "employee %d does not exist", *it.LecturerEmployeeID)
		}
	}
	if it.ExternalLecturerID != nil {
		if _, err := s.lecturer(ctx, tx, *it.ExternalLecturerID); err != nil {
			v.Reject("body.external_lecturer_id", apperr.Missing(*it.ExternalLecturerID), "external lecturer %d does not exist", *it.ExternalLecturerID)
		}
	}
	for _, nid := range in.NeedIDs {
		n, err := s.need(ctx, tx, nid)
		switch {
		case err != nil:
			v.Reject("body.need_ids", apperr.Missing(nid), "need %d does not exist", nid)
		case n.Status == NeedMet && !slices.Contains(n.PlanItemIDs, it.ID):
			v.Reject("body.need_ids", apperr.Because("need_met", apperr.P{"id": nid, "topic": n.Topic}), "need %d (%s) is already met", nid, n.Topic)
		}
	}
	return v.Err()
}

// CreatePlanItem adds an item to a draft or rejected plan and links its
// needs (they become planned). Errors: invalid, not_found (plan).
func (s *Service) CreatePlanItem(ctx context.Context, planID int64, in PlanItemInput) (PlanItem, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return PlanItem{}, err
	}
	var out PlanItem
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := s.plan(ctx, tx, planID)
		if err != nil {
			return err
		}
		it := in.model()
		if err := s.checkItemRefs(ctx, tx, p, &it, in); err != nil {
			return err
		}
		now := s.now()
		it.ID, it.PlanID, it.Status, it.DeliveredDate, it.Version, it.CreatedAt, it.UpdatedAt = 0, planID, ItemPlanned, "", 1, now, now
		if _, err := tx.NewInsert().Model(&it).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create plan item")
		}
		if err := s.saveItemLinks(ctx, tx, it.ID, in); err != nil {
			return err
		}
		if out, err = s.planItem(ctx, tx, it.ID); err != nil {
			return err
		}
		trail.Change(ctx, "training_plan_item", it.ID, nil, out)
		return nil
	})
	return out, err
}

// saveItemLinks replaces an item's audience and needs and re-derives the
// status of every need that gained or lost the link.
func (s *Service) saveItemLinks(ctx context.Context, tx bun.IDB, id int64, in PlanItemInput) error {
	if err := saveAudience(ctx, tx, ownerPlanItem, id, in.Audience); err != nil {
		return err
	}
	var old []int64
	if err := tx.NewSelect().Model((*itemNeed)(nil)).Column("l.need_id").Where("l.item_id = ?", id).Scan(ctx, &old); err != nil {
		return apperr.Wrap(err, "load item needs")
	}
	if _, err := tx.NewDelete().Model((*itemNeed)(nil)).Where("item_id = ?", id).Exec(ctx); err != nil {
		return apperr.Wrap(err, "replace item needs")
	}
	links := make([]itemNeed, 0, len(in.NeedIDs))
	seen := map[int64]bool{}
	for _, nid := range in.NeedIDs {
		if !seen[nid] {
			seen[nid] = true
			links = append(links, itemNeed{ItemID: id, NeedID: nid})
		}
	}
	if len(links) > 0 {
		if _, err := tx.NewInsert().Model(&links).Exec(ctx); err != nil {
			return apperr.Wrap(err, "link needs")
		}
	}
	return refreshNeedStatus(ctx, tx, append(old, in.NeedIDs...), s.now())
}

// UpdatePlanItem changes an item of a draft or rejected plan. Errors:
// invalid, not_found, conflict.
func (s *Service) UpdatePlanItem(ctx context.Context, id int64, in PlanItemInput) (PlanItem, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return PlanItem{}, err
	}
	var out PlanItem
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.planItem(ctx, tx, id)
		if err != nil {
			return err
		}
		p, err := s.plan(ctx, tx, cur.PlanID)
		if err != nil {
			return err
		}
		it := in.model()
		it.ID = id
		if err := s.checkItemRefs(ctx, tx, p, &it, in); err != nil {
			return err
		}
		it.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &it, "plan item", id, in.Version, "title", "goal", "category", "method", "target_month",
			"start_date", "end_date", "lecturer_employee_id", "external_lecturer_id", "budget_fen", "sort", "updated_at"); err != nil {
			return err
		}
		if err := s.saveItemLinks(ctx, tx, id, in); err != nil {
			return err
		}
		if out, err = s.planItem(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "training_plan_item", id, cur, out)
		return nil
	})
	return out, err
}

// DeletePlanItem removes an item of a draft or rejected plan; its needs go
// back to open unless another item addresses them. Errors: not_found, invalid.
func (s *Service) DeletePlanItem(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.planItem(ctx, tx, id)
		if err != nil {
			return err
		}
		p, err := s.plan(ctx, tx, cur.PlanID)
		if err != nil {
			return err
		}
		if !p.editable() {
			return apperr.Refuse(apperr.Invalid, apperr.Because("plan_item_cancel_instead", apperr.P{"year": p.Year, "status": p.Status}), "the %d plan is %s; cancel the item instead", p.Year, p.Status)
		}
		if _, err := tx.NewDelete().Model((*PlanItem)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete plan item")
		}
		if err := deleteAudience(ctx, tx, ownerPlanItem, id); err != nil {
			return err
		}
		if err := refreshNeedStatus(ctx, tx, cur.NeedIDs, s.now()); err != nil {
			return err
		}
		trail.Change(ctx, "training_plan_item", id, cur, nil)
		return nil
	})
}
