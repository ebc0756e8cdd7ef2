package training

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// RoundFilter filters assessment rounds. Rounds themselves are not
// data-scoped; their participant counts are.
type RoundFilter struct {
	api.Page
	Status string `query:"status" enum:"draft,open,closed,"`
	Q      string `query:"q" doc:"matches name or period"`
}

// ListRounds returns a page of rounds, newest first.
func (s *Service) ListRounds(ctx context.Context, f RoundFilter) ([]Round, int, error) {
	var items []Round
	q := s.db.R.NewSelect().Model(&items)
	if f.Status != "" {
		q = q.Where("r.status = ?", f.Status)
	}
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(r.name) LIKE ? OR lower(r.period) LIKE ?)", like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "r.id", "name": "r.name", "start_date": "r.start_date"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list rounds")
	}
	return items, int(n), s.fillRounds(ctx, s.db.R, items)
}

// fillRounds adds the department/position choice and the progress counts.
func (s *Service) fillRounds(ctx context.Context, idb bun.IDB, items []Round) error {
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	auds, err := loadAudiences(ctx, idb, ownerRound, ids)
	if err != nil {
		return err
	}
	var counts []struct {
		RoundID int64 `bun:"round_id"`
		N       int   `bun:"n"`
		Self    int   `bun:"self"`
		Manager int   `bun:"manager"`
	}
	if len(ids) > 0 {
		q := idb.NewSelect().Model((*Participant)(nil)).
			ColumnExpr("ap.round_id, count(*) AS n, count(ap.self_submitted_at) AS self, count(ap.manager_submitted_at) AS manager").
			Where("ap.round_id IN (?)", bun.In(ids)).GroupExpr("ap.round_id")
		if err := auth.Filter(ctx, q, "ap.employee_id", auth.EmployeeSet).Scan(ctx, &counts); err != nil {
			return apperr.Wrap(err, "count participants")
		}
	}
	for i := range items {
		a := auds[items[i].ID]
		items[i].DepartmentIDs, items[i].PositionIDs = a.DepartmentIDs, a.PositionIDs
		for _, c := range counts {
			if c.RoundID == items[i].ID {
				items[i].Participants, items[i].SelfDone, items[i].ManagerDone = c.N, c.Self, c.Manager
			}
		}
	}
	return nil
}

// Round returns one round. Errors: not_found.
func (s *Service) Round(ctx context.Context, id int64) (Round, error) {
	return s.round(ctx, s.db.R, id)
}

func (s *Service) round(ctx context.Context, idb bun.IDB, id int64) (Round, error) {
	var r Round
	if err := idb.NewSelect().Model(&r).Where("r.id = ?", id).Scan(ctx); err != nil {
		return r, db.NotFound(err, "assessment round", id)
	}
	items := []Round{r}
	err := s.fillRounds(ctx, idb, items)
	return items[0], err
}

func (s *Service) validateRound(ctx context.Context, r *Round) error {
	var v apperr.Validation
	r.Name, r.Period = strings.TrimSpace(r.Name), strings.TrimSpace(r.Period)
	if r.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	for _, d := range []struct{ loc, val string }{{"body.start_date", r.StartDate}, {"body.due_date", r.DueDate}} {
		if d.val != "" {
			if _, err := time.Parse(time.DateOnly, d.val); err != nil {
				v.Reject(d.loc, apperr.Format("date"), "must be YYYY-MM-DD")
			}
		}
	}
	if r.StartDate != "" && r.DueDate != "" && r.DueDate < r.StartDate {
		v.Reject("body.due_date", apperr.BeforeStart(), "due date is before the start date")
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	dir.validate(&v, "body", Audience{DepartmentIDs: r.DepartmentIDs, PositionIDs: r.PositionIDs})
	return v.Err()
}

// CreateRound adds a draft round. Errors: invalid (including a taken name).
func (s *Service) CreateRound(ctx context.Context, r Round) (Round, error) {
	if err := s.validateRound(ctx, &r); err != nil {
		return r, err
	}
	var out Round
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		r.ID, r.Status, r.GapThreshold, r.OpenedAt, r.ClosedAt, r.NeedsCreated = 0, RoundDraft, DefaultGapThreshold, nil, nil, 0
		r.Version, r.CreatedAt, r.UpdatedAt = 1, now, now
		if _, err := tx.NewInsert().Model(&r).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.name", apperr.Taken(r.Name), "a round named %q exists", r.Name)
			}
			return apperr.Wrap(err, "create round")
		}
		if err := saveAudience(ctx, tx, ownerRound, r.ID, Audience{DepartmentIDs: r.DepartmentIDs, PositionIDs: r.PositionIDs}); err != nil {
			return err
		}
		var err error
		if out, err = s.round(ctx, tx, r.ID); err != nil {
			return err
		}
		trail.Change(ctx, "assessment_round", r.ID, nil, out)
		return nil
	})
	return out, err
}

// UpdateRound changes a draft round. Errors: invalid (also when no longer a
// draft), not_found, conflict.
func (s *Service) UpdateRound(ctx context.Context, id int64, r Round) (Round, error) {
	if err := s.validateRound(ctx, &r); err != nil {
		return r, err
	}
	var out Round
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.round(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status != RoundDraft {
			return apperr.Refuse(apperr.Invalid, apperr.Because("round_not_draft", apperr.P{"name": cur.Name, "status": cur.Status}), "round %q is %s; only a draft round can be changed", cur.Name, cur.Status)
		}
		r.ID, r.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &r, "assessment round", id, r.Version, "name", "period", "start_date", "due_date", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.name", apperr.Taken(r.Name), "a round named %q exists", r.Name)
			}
			return err
		}
		if err := saveAudience(ctx, tx, ownerRound, id, Audience{DepartmentIDs: r.DepartmentIDs, PositionIDs: r.PositionIDs}); err != nil {
			return err
		}
		if out, err = s.round(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "assessment_round", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteRound removes a draft round. Errors: not_found, invalid.
func (s *Service) DeleteRound(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.round(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status != RoundDraft {
			return apperr.Refuse(apperr.Invalid, apperr.Because("round_not_draft", apperr.P{"name": cur.Name, "status": cur.Status}), "round %q is %s; only a draft round can be deleted", cur.Name, cur.Status)
		}
		if _, err := tx.NewDelete().Model((*Round)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete round")
		}
		if err := deleteAudience(ctx, tx, ownerRound, id); err != nil {
			return err
		}
		trail.Change(ctx, "assessment_round", id, cur, nil)
		return nil
	})
}

// OpenRound starts a draft round: every active employee in the chosen
// departments (and below) holding one of the chosen positions — both
// lists empty meaning all — whose position has a competency model becomes a
// participant with a sheet of that model's competencies. Errors: not_found,
// invalid (not a draft, or nobody to assess), conflict.
func (s *Service) OpenRound(ctx context.Context, id int64, version int) (Round, error) {
	dir, err := s.directory(ctx)
	if err != nil {
		return Round{}, err
	}
	var out Round
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.round(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status != RoundDraft {
			return apperr.Refuse(apperr.Invalid, apperr.Because("round_not_draft", apperr.P{"name": cur.Name, "status": cur.Status}), "round %q is already %s", cur.Name, cur.Status)
		}
		models, err := s.positionCompetencies(ctx, tx, modelPositions(dir, cur.PositionIDs))
		if err != nil {
			return err
		}
		emps := roundEmployees(dir, cur, models)
		if len(emps) == 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("round_nobody", apperr.P{"name": cur.Name}),
				"round %q has nobody to assess: no active employee in its departments holds a position with a competency model", cur.Name)
		}
		now := s.now()
		cur.Status, cur.OpenedAt, cur.UpdatedAt = RoundOpen, &now, now
		if err := db.UpdateVersioned(ctx, tx, &cur, "assessment round", id, version, "status", "opened_at", "updated_at"); err != nil {
			return err
		}
		for _, e := range emps {
			p := Participant{RoundID: id, EmployeeID: e.ID, DepartmentID: e.DepartmentID, PositionID: *e.PositionID, ManagerID: e.ManagerID}
			if _, err := tx.NewInsert().Model(&p).Returning("id").Exec(ctx); err != nil {
				return apperr.Wrap(err, "add participant")
			}
			var ratings []Rating
			for _, c := range models[*e.PositionID] {
				ratings = append(ratings, Rating{ParticipantID: p.ID, CompetencyID: c.ID, RequiredLevel: c.RequiredLevel})
			}
			if _, err := tx.NewInsert().Model(&ratings).Exec(ctx); err != nil {
				return apperr.Wrap(err, "add rating sheet")
			}
		}
		if out, err = s.round(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "assessment_round", id, map[string]any{"status": RoundDraft}, map[string]any{"status": RoundOpen, "participants": len(emps)})
		return nil
	})
	return out, err
}

// modelPositions returns the positions whose models a round uses.
func modelPositions(dir *directory, chosen []int64) []int64 {
	if len(chosen) > 0 {
		return chosen
	}
	ids := make([]int64, 0, len(dir.pos))
	for id := range dir.pos {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// roundEmployees picks a round's participants (see OpenRound), by id.
func roundEmployees(dir *directory, r Round, models map[int64][]Competency) []org.Employee {
	inDept := map[int64]bool{}
	for _, root := range r.DepartmentIDs {
		for _, id := range dir.subtree(root) {
			inDept[id] = true
		}
	}
	var out []org.Employee
	for _, e := range dir.emps {
		if !active(e) || e.PositionID == nil || len(models[*e.PositionID]) == 0 {
			continue
		}
		if len(r.DepartmentIDs) > 0 && !inDept[e.DepartmentID] {
			continue
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b org.Employee) int { return int(a.ID - b.ID) })
	return out
}
