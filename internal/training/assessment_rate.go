package training

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/trail"
)

// LevelInput rates one competency of a sheet.
type LevelInput struct {
	CompetencyID int64  `json:"competency_id"`
	Level        int    `json:"level" minimum:"0" maximum:"5" doc:"1-5; 0 clears an agreed level (HR only)"`
	Comment      string `json:"comment,omitempty" maxLength:"1000"`
}

// RateInput is a self or manager rating; Submit marks the sheet done and
// requires every competency rated.
type RateInput struct {
	Ratings []LevelInput `json:"ratings" maxItems:"50"`
	Submit  bool         `json:"submit,omitempty"`
}

// MySheet is a sheet the caller rates: their own, or a direct report's.
type MySheet struct {
	Round       RoundRef    `json:"round"`
	Participant Participant `json:"participant"`
	Role        string      `json:"role" enum:"self,manager"`
	Submitted   bool        `json:"submitted" doc:"the caller's part is submitted"`
}

// caller returns the caller's employee id. Errors: invalid when the login
// has no employee record.
func caller(ctx context.Context) (int64, error) {
	p := auth.From(ctx)
	if p == nil || p.EmployeeID == 0 {
		return 0, apperr.Refuse(apperr.Invalid, apperr.Because("no_employee_record", nil), "your login is not linked to an employee record")
	}
	return p.EmployeeID, nil
}

// roleOn is the caller's relation to a participant: the person, their
// current manager in org, or none ("").
func roleOn(dir *directory, me int64, p Participant) string {
	if p.EmployeeID == me {
		return RoleSelf
	}
	if e, ok := dir.emps[p.EmployeeID]; ok && e.ManagerID != nil && *e.ManagerID == me {
		return RoleManager
	}
	return ""
}

// MySheets lists the sheets of open and closed rounds the caller rates:
// their own and their direct reports' (the manager in org today).
func (s *Service) MySheets(ctx context.Context) ([]MySheet, error) {
	me, err := caller(ctx)
	if err != nil {
		return []MySheet{}, nil // a login without employee record rates nobody
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, err
	}
	var ps []Participant
	err = s.db.R.NewSelect().Model(&ps).Join("JOIN assessment_rounds AS r ON r.id = ap.round_id").
		Where("r.status <> ?", RoundDraft).Where("ap.employee_id IN (?)", bun.In(append(dir.reports(me), me))).
		OrderExpr("ap.round_id DESC, ap.id").Scan(ctx)
	if err != nil {
		return nil, apperr.Wrap(err, "list my sheets")
	}
	rounds := map[int64]Round{}
	out := []MySheet{}
	for _, p := range ps {
		r, ok := rounds[p.RoundID]
		if !ok {
			if r, err = s.Round(ctx, p.RoundID); err != nil {
				return nil, err
			}
			rounds[p.RoundID] = r
		}
		nameParticipant(dir, &p)
		role := roleOn(dir, me, p)
		done := p.SelfSubmittedAt != nil
		if role == RoleManager {
			done = p.ManagerSubmittedAt != nil
		}
		out = append(out, MySheet{Round: RoundRef{ID: r.ID, Name: r.Name, Status: r.Status, DueDate: r.DueDate}, Participant: p, Role: role, Submitted: done})
	}
	return out, nil
}

// MySheet returns a sheet the caller rates. Errors: not_found (also for
// sheets of other people).
func (s *Service) MySheet(ctx context.Context, pid int64) (Sheet, error) {
	me, err := caller(ctx)
	if err != nil {
		return Sheet{}, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return Sheet{}, err
	}
	p, err := s.participant(ctx, s.db.R, 0, pid, false)
	if err != nil {
		return Sheet{}, err
	}
	role := roleOn(dir, me, p)
	if role == "" {
		return Sheet{}, apperr.NotFoundf("assessment participant", pid)
	}
	r, err := s.Round(ctx, p.RoundID)
	if err != nil {
		return Sheet{}, err
	}
	if r.Status == RoundDraft {
		return Sheet{}, apperr.NotFoundf("assessment participant", pid)
	}
	return s.sheet(ctx, s.db.R, dir, r, p, role)
}

// Rate saves the caller's self rating (their own sheet) or manager rating
// (a direct report's sheet) while the round is open. Errors: not_found
// (nobody else's sheet is reachable), invalid (round not open, unknown
// competency, level out of range, incomplete on submit).
func (s *Service) Rate(ctx context.Context, pid int64, in RateInput) (Sheet, error) {
	me, err := caller(ctx)
	if err != nil {
		return Sheet{}, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return Sheet{}, err
	}
	var out Sheet
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := s.participant(ctx, tx, 0, pid, false)
		if err != nil {
			return err
		}
		role := roleOn(dir, me, p)
		if role == "" {
			return apperr.NotFoundf("assessment participant", pid)
		}
		r, err := s.round(ctx, tx, p.RoundID)
		if err != nil {
			return err
		}
		if r.Status != RoundOpen {
			return apperr.Refuse(apperr.Invalid, apperr.Because("round_not_open", apperr.P{"name": r.Name, "status": r.Status}), "round %q is %s; ratings are taken while it is open", r.Name, r.Status)
		}
		levelCol, commentCol, doneCol := "self_level", "self_comment", "self_submitted_at"
		if role == RoleManager {
			levelCol, commentCol, doneCol = "manager_level", "manager_comment", "manager_submitted_at"
		}
		if err := applyLevels(ctx, tx, p.ID, in.Ratings, levelCol, commentCol, false); err != nil {
			return err
		}
		if in.Submit {
			missing, err := tx.NewSelect().Model((*Rating)(nil)).Where("participant_id = ?", p.ID).Where("? IS NULL", bun.Ident(levelCol)).Count(ctx)
			if err != nil {
				return apperr.Wrap(err, "check ratings")
			}
			if missing > 0 {
				return apperr.Reject("body.ratings", apperr.Because("unrated", apperr.P{"count": missing}), "%d competencies are not rated yet; rate all before submitting", missing)
			}
			if _, err := tx.NewUpdate().Model((*Participant)(nil)).Set("? = ?", bun.Ident(doneCol), s.now()).Where("id = ?", p.ID).Exec(ctx); err != nil {
				return apperr.Wrap(err, "submit sheet")
			}
		}
		if p, err = s.participant(ctx, tx, 0, pid, false); err != nil {
			return err
		}
		if out, err = s.sheet(ctx, tx, dir, r, p, role); err != nil {
			return err
		}
		auditRatings(ctx, p, role, in)
		return nil
	})
	return out, err
}

// SetAgreed sets HR's agreed levels on a sheet of an open round (level 0
// clears one, so the manager's rating applies at close). Errors: not_found
// (also outside the caller's scope), invalid.
func (s *Service) SetAgreed(ctx context.Context, roundID, pid int64, levels []LevelInput) (Sheet, error) {
	dir, err := s.directory(ctx)
	if err != nil {
		return Sheet{}, err
	}
	var out Sheet
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := s.round(ctx, tx, roundID)
		if err != nil {
			return err
		}
		p, err := s.participant(ctx, tx, roundID, pid, true)
		if err != nil {
			return err
		}
		if r.Status != RoundOpen {
			return apperr.Refuse(apperr.Invalid, apperr.Because("round_not_open", apperr.P{"name": r.Name, "status": r.Status}), "round %q is %s; agreed levels are set while it is open", r.Name, r.Status)
		}
		if err := applyLevels(ctx, tx, p.ID, levels, "agreed_level", "", true); err != nil {
			return err
		}
		if out, err = s.sheet(ctx, tx, dir, r, p, RoleReviewer); err != nil {
			return err
		}
		auditRatings(ctx, p, "agreed", RateInput{Ratings: levels})
		return nil
	})
	return out, err
}

// applyLevels writes levels (and comments when commentCol is set) to the
// participant's ratings; clearable allows level 0 to mean "unset".
func applyLevels(ctx context.Context, tx bun.IDB, pid int64, in []LevelInput, levelCol, commentCol string, clearable bool) error {
	var v apperr.Validation
	var have []int64
	if err := tx.NewSelect().Model((*Rating)(nil)).Column("competency_id").Where("participant_id = ?", pid).Scan(ctx, &have); err != nil {
		return apperr.Wrap(err, "load sheet")
	}
	seen := map[int64]bool{}
	for i, x := range in {
		loc := "body.ratings[" + strconv.Itoa(i) + "]"
		switch {
		case !slices.Contains(have, x.CompetencyID):
			v.Reject(loc+".competency_id", apperr.Missing(x.CompetencyID), "competency %d is not on this sheet", x.CompetencyID)
		case seen[x.CompetencyID]:
			v.Reject(loc+".competency_id", apperr.Twice(x.CompetencyID), "competency %d is rated twice", x.CompetencyID)
		}
		seen[x.CompetencyID] = true
		if (x.Level < MinLevel || x.Level > MaxLevel) && !(clearable && x.Level == 0) {
			v.Reject(loc+".level", apperr.Between(MinLevel, MaxLevel), "level must be between %d and %d", MinLevel, MaxLevel)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	for _, x := range in {
		var level any = x.Level
		if x.Level == 0 {
			level = nil
		}
		q := tx.NewUpdate().Model((*Rating)(nil)).Set("? = ?", bun.Ident(levelCol), level).
			Where("participant_id = ?", pid).Where("competency_id = ?", x.CompetencyID)
		if commentCol != "" {
			q = q.Set("? = ?", bun.Ident(commentCol), strings.TrimSpace(x.Comment))
		}
		if _, err := q.Exec(ctx); err != nil {
			return apperr.Wrap(err, "save rating")
		}
	}
	return nil
}

func auditRatings(ctx context.Context, p Participant, kind string, in RateInput) {
	trail.Change(ctx, "assessment_sheet", p.ID, nil, map[string]any{"employee_id": p.EmployeeID, "kind": kind, "ratings": in.Ratings, "submit": in.Submit})
}
