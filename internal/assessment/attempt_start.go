package assessment

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// activeAttempt returns the caller's active attempt at an exam, if any.
func activeAttempt(ctx context.Context, idb bun.IDB, examID, emp int64) (Attempt, bool, error) {
	var a Attempt
	err := idb.NewSelect().Model(&a).Where("a.exam_id = ? AND a.employee_id = ? AND a.status = ?", examID, emp, AttemptActive).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	return a, err == nil, apperr.Wrap(err, "load active attempt")
}

// StartAttempt starts the caller's attempt at an exam, or resumes the one
// in progress (resumed true): there is never more than one active attempt
// per learner and exam (a unique index makes two concurrent starts give one
// attempt). A new attempt needs the exam open (published, inside its
// window), the caller in its audience and an attempt left. The paper is
// drawn from a new random seed stored with the attempt; the deadline is the
// time limit capped by the window's end.
//
// Errors: not_found (unknown exam, or the caller is not in its audience),
// invalid (not open, no attempts left, no employee record, the bank cannot
// fill the paper).
func (s *Service) StartAttempt(ctx context.Context, examID int64) (AttemptView, bool, error) {
	emp, err := me(ctx)
	if err != nil {
		return AttemptView{}, false, err
	}
	e, err := s.exam(ctx, s.db.R, examID)
	if err != nil {
		return AttemptView{}, false, err
	}
	if a, ok, err := activeAttempt(ctx, s.db.R, examID, emp); err != nil {
		return AttemptView{}, false, err
	} else if ok {
		if a, err = s.expireIfDue(ctx, a); err != nil {
			return AttemptView{}, false, err
		}
		if a.Status == AttemptActive {
			v, err := s.buildView(ctx, s.db.R, e, a)
			return v, true, err
		}
	}
	if err := e.open(s.now()); err != nil {
		return AttemptView{}, false, err
	}
	m, err := s.memberOf(ctx, emp)
	if err != nil {
		return AttemptView{}, false, err
	}
	if ok, err := s.inAudience(ctx, m, e); err != nil {
		return AttemptView{}, false, err
	} else if !ok {
		return AttemptView{}, false, apperr.NotFoundf("exam", examID)
	}
	p, err := s.paper(ctx, s.db.R, e.PaperID)
	if err != nil {
		return AttemptView{}, false, err
	}
	pools := make([][]ref, len(p.Rules))
	for i, r := range p.Rules {
		if pools[i], err = s.rulePool(ctx, s.db.R, r); err != nil {
			return AttemptView{}, false, err
		}
	}
	seed := newSeed()
	rng := drawRNG(seed)
	slots, err := drawPaper(rng, p, pools)
	if err != nil {
		return AttemptView{}, false, err
	}
	ids := make([]int64, len(slots))
	for i, sl := range slots {
		ids[i] = sl.VersionID
	}
	vs, err := s.loadVersions(ctx, s.db.R, ids)
	if err != nil {
		return AttemptView{}, false, err
	}
	items := make([]AttemptItem, len(slots))
	maxC := 0
	for i, sl := range slots {
		items[i] = AttemptItem{Position: i + 1, QuestionID: sl.QuestionID, QuestionVersionID: sl.VersionID, PointsC: sl.PointsC,
			OptionOrder: strings.Join(optionOrder(rng, vs[sl.VersionID], p.ShuffleOptions), ",")}
		maxC += sl.PointsC
	}
	var out Attempt
	resumed := false
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		// re-checked under the write lock: another request may have started one
		if a, ok, err := activeAttempt(ctx, tx, examID, emp); err != nil {
			return err
		} else if ok {
			out, resumed = a, true
			return nil
		}
		n64, err := tx.NewSelect().Model((*Attempt)(nil)).Where("exam_id = ? AND employee_id = ?", examID, emp).Count(ctx)
		n := int(n64)
		if err != nil {
			return apperr.Wrap(err, "count attempts")
		}
		if e.MaxAttempts > 0 && n >= e.MaxAttempts {
			return apperr.Refuse(apperr.Invalid, apperr.Because(ReasonNoAttemptsLeft, apperr.P{"max_attempts": e.MaxAttempts}),
				"you have used all %d attempts at %q", e.MaxAttempts, e.Title)
		}
		now := s.now()
		a := Attempt{ExamID: examID, EmployeeID: emp, AttemptNo: n + 1, Status: AttemptActive, Seed: seed, MultiRule: p.MultiRule,
			PassPercent: e.PassPercent, StartedAt: now, DeadlineAt: e.deadline(now), MaxC: maxC, Version: 1, CreatedAt: now, UpdatedAt: now}
		if _, err := tx.NewInsert().Model(&a).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Refuse(apperr.Conflict, apperr.Because("attempt_started_twice", nil), "an attempt was started at the same moment; reload")
			}
			return apperr.Wrap(err, "start attempt")
		}
		for i := range items {
			items[i].AttemptID = a.ID
		}
		if _, err := tx.NewInsert().Model(&items).Exec(ctx); err != nil {
			return apperr.Wrap(err, "save attempt questions")
		}
		trail.Change(ctx, "attempt", a.ID, nil, map[string]any{"exam_id": examID, "employee_id": emp, "attempt_no": a.AttemptNo,
			"seed": seed, "deadline_at": a.DeadlineAt, "questions": len(items)})
		out = a
		return nil
	})
	if err != nil {
		return AttemptView{}, false, err
	}
	v, err := s.buildView(ctx, s.db.R, e, out)
	return v, resumed, err
}
