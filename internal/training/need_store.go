package training

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// NeedFilter filters the needs pool.
type NeedFilter struct {
	api.Page
	Source       string `query:"source" enum:"competency_gap,business_problem,survey,manager_request,"`
	SourceID     int64  `query:"source_id" doc:"with source: the round, problem or questionnaire"`
	Status       string `query:"status" enum:"open,planned,met,"`
	Priority     string `query:"priority" enum:"high,medium,low,"`
	CompetencyID int64  `query:"competency_id"`
	EmployeeID   int64  `query:"employee_id" doc:"needs naming this person"`
	Q            string `query:"q" doc:"matches topic or description"`
}

// scopeNeeds limits q (alias n) to the needs a scoped caller may see: those
// naming a person or department in their visible sets, and those they
// requested. Needs for whole positions are company-wide: only unrestricted
// callers (and their requester) see them.
func scopeNeeds(ctx context.Context, q *bun.SelectQuery) *bun.SelectQuery {
	p := auth.From(ctx)
	if p.Unrestricted() || p.Employees == nil {
		return q
	}
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where(inScopeSQL, ownerNeed, bun.Ident("n.id"), bun.In(nonEmpty(p.Employees)), bun.In(nonEmpty(p.Depts))).
			WhereOr("n.requested_by = ?", p.EmployeeID)
	})
}

// ListNeeds returns a page of the needs the caller may see, newest first.
func (s *Service) ListNeeds(ctx context.Context, f NeedFilter) ([]Need, int, error) {
	var items []Need
	q := scopeNeeds(ctx, s.db.R.NewSelect().Model(&items))
	if f.Source != "" {
		q = q.Where("n.source = ?", f.Source)
		if f.SourceID != 0 {
			q = q.Where("n.source_id = ?", f.SourceID)
		}
	}
	if f.Status != "" {
		q = q.Where("n.status = ?", f.Status)
	}
	if f.Priority != "" {
		q = q.Where("n.priority = ?", f.Priority)
	}
	if f.CompetencyID != 0 {
		q = q.Where("n.competency_id = ?", f.CompetencyID)
	}
	if f.EmployeeID != 0 {
		q = q.Where("EXISTS (SELECT 1 FROM training_audiences AS te WHERE te.owner = ? AND te.owner_id = n.id AND te.kind = 'employee' AND te.ref_id = ?)", ownerNeed, f.EmployeeID)
	}
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(n.topic) LIKE ? OR lower(n.description) LIKE ?)", like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "n.id", "topic": "n.topic", "priority": "n.priority", "status": "n.status", "created_at": "n.created_at"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list needs")
	}
	return items, int(n), s.fillNeeds(ctx, s.db.R, items)
}

// Need returns one need the caller may see. Errors: not_found.
func (s *Service) Need(ctx context.Context, id int64) (Need, error) {
	return s.need(ctx, s.db.R, id)
}

func (s *Service) need(ctx context.Context, idb bun.IDB, id int64) (Need, error) {
	var n Need
	if err := scopeNeeds(ctx, idb.NewSelect().Model(&n).Where("n.id = ?", id)).Scan(ctx); err != nil {
		return n, db.NotFound(err, "training need", id)
	}
	items := []Need{n}
	err := s.fillNeeds(ctx, idb, items)
	return items[0], err
}

// fillNeeds adds audiences, names, source titles and linked plan items.
func (s *Service) fillNeeds(ctx context.Context, idb bun.IDB, items []Need) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	var cids []int64
	sources := map[string][]int64{}
	for i, n := range items {
		ids[i] = n.ID
		if n.CompetencyID != nil {
			cids = append(cids, *n.CompetencyID)
		}
		if n.SourceID != nil {
			sources[n.Source] = append(sources[n.Source], *n.SourceID)
		}
	}
	auds, err := loadAudiences(ctx, idb, ownerNeed, ids)
	if err != nil {
		return err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	comps := map[int64]string{}
	if err := scanNames(ctx, idb, "competencies", "name", cids, comps); err != nil {
		return err
	}
	titles := map[string]map[int64]string{}
	for src, table := range map[string][2]string{SourceGap: {"assessment_rounds", "name"}, SourceProblem: {"business_problems", "title"}, SourceSurvey: {"questionnaires", "title"}} {
		titles[src] = map[int64]string{}
		if err := scanNames(ctx, idb, table[0], table[1], sources[src], titles[src]); err != nil {
			return err
		}
	}
	var links []itemNeed
	if err := idb.NewSelect().Model(&links).Where("need_id IN (?)", bun.In(ids)).OrderExpr("item_id").Scan(ctx); err != nil {
		return apperr.Wrap(err, "load need links")
	}
	for i := range items {
		n := &items[i]
		n.Audience = auds[n.ID]
		n.AudienceText = dir.describe(n.Audience)
		n.PlanItemIDs = []int64{}
		if n.CompetencyID != nil {
			n.CompetencyName = comps[*n.CompetencyID]
		}
		if n.SourceID != nil {
			n.SourceTitle = titles[n.Source][*n.SourceID]
		}
		if n.RequestedBy != nil {
			n.RequestedByName = dir.employeeName(*n.RequestedBy)
		}
		for _, l := range links {
			if l.NeedID == n.ID {
				n.PlanItemIDs = append(n.PlanItemIDs, l.ItemID)
			}
		}
	}
	return nil
}

// scanNames fills out[id] = column of this module's table for the ids.
func scanNames(ctx context.Context, idb bun.IDB, table, column string, ids []int64, out map[int64]string) error {
	if len(ids) == 0 {
		return nil
	}
	var rows []struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	err := idb.NewSelect().Table(table).ColumnExpr("id, ? AS name", bun.Ident(column)).Where("id IN (?)", bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return apperr.Wrap(err, "load %s names", table)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return nil
}

func (s *Service) validateNeedRefs(ctx context.Context, tx bun.IDB, in NeedInput) error {
	var v apperr.Validation
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	dir.validate(&v, "body.audience", in.Audience)
	if err := v.Err(); err != nil {
		return err
	}
	if !withinScope(ctx, in.Audience) {
		return apperr.Reject("body.audience", apperr.Because("out_of_scope", nil), "the audience reaches beyond the people and departments you manage")
	}
	if in.CompetencyID != nil {
		if _, err := s.competency(ctx, tx, *in.CompetencyID); err != nil {
			return apperr.Reject("body.competency_id", apperr.Missing(*in.CompetencyID), "competency %d does not exist", *in.CompetencyID)
		}
	}
	return nil
}

// CreateNeed records a manager request: a need entered by hand for people
// or departments the caller manages (unrestricted callers may also name
// positions). Errors: invalid.
func (s *Service) CreateNeed(ctx context.Context, in NeedInput) (Need, error) {
	return s.createNeed(ctx, SourceManager, nil, in)
}

// createNeed adds a need of the given source in its own transaction.
func (s *Service) createNeed(ctx context.Context, source string, sourceID *int64, in NeedInput) (Need, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return Need{}, err
	}
	if err := in.validate(); err != nil {
		return Need{}, err
	}
	var out Need
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.validateNeedRefs(ctx, tx, in); err != nil {
			return err
		}
		n := Need{Source: source, SourceID: sourceID, CompetencyID: in.CompetencyID, Topic: in.Topic, Description: in.Description, Priority: in.Priority}
		if p := auth.From(ctx); p != nil && p.EmployeeID != 0 {
			n.RequestedBy = &p.EmployeeID
		}
		if err := s.insertNeed(ctx, tx, &n, in.Audience); err != nil {
			return err
		}
		var err error
		if out, err = s.need(auth.With(ctx, nil), tx, n.ID); err != nil {
			return err
		}
		trail.Change(ctx, "training_need", n.ID, nil, out)
		return nil
	})
	return out, err
}

func (s *Service) insertNeed(ctx context.Context, tx bun.IDB, n *Need, a Audience) error {
	now := s.now()
	n.ID, n.Status, n.Version, n.CreatedAt, n.UpdatedAt = 0, NeedOpen, 1, now, now
	if _, err := tx.NewInsert().Model(n).Returning("id").Exec(ctx); err != nil {
		return apperr.Wrap(err, "create need")
	}
	return saveAudience(ctx, tx, ownerNeed, n.ID, a)
}

// insertGeneratedNeed adds a need unless one with the same source key
// exists; it reports whether it added one.
func (s *Service) insertGeneratedNeed(ctx context.Context, tx bun.IDB, n Need, key string, a Audience) (bool, error) {
	exists, err := tx.NewSelect().Model((*Need)(nil)).Where("source_key = ?", key).Exists(ctx)
	if err != nil {
		return false, apperr.Wrap(err, "check need %s", key)
	}
	if exists {
		return false, nil
	}
	n.SourceKey = &key
	if err := s.insertNeed(ctx, tx, &n, a); err != nil {
		return false, err
	}
	trail.Change(ctx, "training_need", n.ID, nil, map[string]any{"source": n.Source, "source_key": key, "topic": n.Topic, "audience": a})
	return true, nil
}

// UpdateNeed changes a need the caller may see. Errors: invalid, not_found,
// conflict.
func (s *Service) UpdateNeed(ctx context.Context, id int64, in NeedInput) (Need, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return Need{}, err
	}
	if err := in.validate(); err != nil {
		return Need{}, err
	}
	var out Need
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.need(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.validateNeedRefs(ctx, tx, in); err != nil {
			return err
		}
		status := cur.Status
		if in.Status != "" && in.Status != cur.Status {
			if len(cur.PlanItemIDs) > 0 {
				return apperr.Reject("body.status", apperr.Because("linked", nil), "this need is linked to plan items; its status follows them")
			}
			status = in.Status
		}
		n := Need{ID: id, Topic: in.Topic, Description: in.Description, CompetencyID: in.CompetencyID, Priority: in.Priority, Status: status, UpdatedAt: s.now()}
		if err := db.UpdateVersioned(ctx, tx, &n, "training need", id, in.Version, "topic", "description", "competency_id", "priority", "status", "updated_at"); err != nil {
			return err
		}
		if err := saveAudience(ctx, tx, ownerNeed, id, in.Audience); err != nil {
			return err
		}
		if out, err = s.need(auth.With(ctx, nil), tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "training_need", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteNeed removes a need no plan item addresses. Errors: not_found, invalid.
func (s *Service) DeleteNeed(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.need(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(cur.PlanItemIDs) > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("need_linked", apperr.P{"topic": cur.Topic, "count": len(cur.PlanItemIDs)}), "need %q is linked to %d plan items; unlink it first", cur.Topic, len(cur.PlanItemIDs))
		}
		if _, err := tx.NewDelete().Model((*Need)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete need")
		}
		if err := deleteAudience(ctx, tx, ownerNeed, id); err != nil {
			return err
		}
		trail.Change(ctx, "training_need", id, cur, nil)
		return nil
	})
}

// refreshNeedStatus re-derives the status of linked needs from their plan
// items (needStatusFromItems). Needs without any link keep their status
// unless they were planned, which returns them to open.
func refreshNeedStatus(ctx context.Context, tx bun.IDB, needIDs []int64, now time.Time) error {
	if len(needIDs) == 0 {
		return nil
	}
	var rows []struct {
		NeedID int64  `bun:"need_id"`
		Status string `bun:"status"`
	}
	if err := tx.NewSelect().Model((*itemNeed)(nil)).ColumnExpr("l.need_id, i.status").
		Join("JOIN training_plan_items AS i ON i.id = l.item_id").Where("l.need_id IN (?)", bun.In(needIDs)).Scan(ctx, &rows); err != nil {
		return apperr.Wrap(err, "load need links")
	}
	statuses := map[int64][]string{}
	for _, r := range rows {
		statuses[r.NeedID] = append(statuses[r.NeedID], r.Status)
	}
	for _, id := range needIDs {
		q := tx.NewUpdate().Model((*Need)(nil)).Set("updated_at = ?", now).Set("version = version + 1").Where("id = ?", id)
		if st, linked := statuses[id]; linked {
			q = q.Set("status = ?", needStatusFromItems(st)).Where("status <> ?", needStatusFromItems(st))
		} else {
			q = q.Set("status = ?", NeedOpen).Where("status = ?", NeedPlanned)
		}
		if _, err := q.Exec(ctx); err != nil {
			return apperr.Wrap(err, "update need status")
		}
	}
	return nil
}
