package assessment

import (
	"context"
	"log/slog"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// submitTx ends an active attempt inside tx: every question is graded
// automatically from the answer saved (short answers wait for a grader),
// and the attempt becomes graded, or submitted while short answers wait.
// A timed-out attempt is submitted as of its deadline. It does nothing when
// the attempt is no longer active (another request got there first), so it
// is safe to call from the sweep and from requests at once.
func (s *Service) submitTx(ctx context.Context, tx bun.IDB, a Attempt, reason string) (Attempt, error) {
	now := s.now()
	at := now
	if reason == SubmitTimeout && a.DeadlineAt != nil && a.DeadlineAt.Before(now) {
		at = *a.DeadlineAt
	}
	res, err := tx.NewUpdate().Model((*Attempt)(nil)).Set("status = ?", AttemptSubmitted).Set("submitted_at = ?", at).
		Set("submit_reason = ?", reason).Set("version = version + 1").Set("updated_at = ?", now).
		Where("id = ? AND status = ?", a.ID, AttemptActive).Exec(ctx)
	if err != nil {
		return a, apperr.Wrap(err, "submit attempt")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var cur Attempt
		err := tx.NewSelect().Model(&cur).Where("a.id = ?", a.ID).Scan(ctx)
		return cur, db.NotFound(err, "attempt", a.ID)
	}
	items, err := attemptItems(ctx, tx, a.ID)
	if err != nil {
		return a, err
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.QuestionVersionID
	}
	vs, err := s.loadVersions(ctx, tx, ids)
	if err != nil {
		return a, err
	}
	for _, it := range items {
		score, manual := Grade(vs[it.QuestionVersionID], it.response(), it.PointsC, a.MultiRule)
		if manual {
			continue // auto_score_c stays NULL: pending
		}
		if _, err := tx.NewUpdate().Model((*AttemptItem)(nil)).Set("auto_score_c = ?", score).Where("id = ?", it.ID).Exec(ctx); err != nil {
			return a, apperr.Wrap(err, "grade answer")
		}
	}
	out, err := s.rescore(ctx, tx, a.ID)
	if err != nil {
		return out, err
	}
	trail.Change(ctx, "attempt", a.ID, map[string]any{"status": AttemptActive},
		map[string]any{"status": out.Status, "submit_reason": reason, "submitted_at": at, "score_c": out.ScoreC, "max_c": out.MaxC, "pending_manual": out.PendingManual})
	return out, nil
}

// rescore recomputes a submitted attempt's score, pending count, status and
// pass from its items (after submission and after each manual grade).
func (s *Service) rescore(ctx context.Context, tx bun.IDB, id int64) (Attempt, error) {
	var a Attempt
	if err := tx.NewSelect().Model(&a).Where("a.id = ?", id).Scan(ctx); err != nil {
		return a, db.NotFound(err, "attempt", id)
	}
	items, err := attemptItems(ctx, tx, id)
	if err != nil {
		return a, err
	}
	score, maxC, pending := 0, 0, 0
	for _, it := range items {
		maxC += it.PointsC
		if it.pending() {
			pending++
			continue
		}
		score += it.scoreC()
	}
	q := tx.NewUpdate().Model((*Attempt)(nil)).Set("score_c = ?", score).Set("max_c = ?", maxC).Set("pending_manual = ?", pending).
		Where("id = ?", id)
	now := s.now()
	if pending == 0 {
		q = q.Set("status = ?", AttemptGraded).Set("passed = ?", passes(score, maxC, a.PassPercent)).Set("graded_at = ?", now)
	} else {
		q = q.Set("status = ?", AttemptSubmitted).Set("passed = NULL").Set("graded_at = NULL")
	}
	if _, err := q.Exec(ctx); err != nil {
		return a, apperr.Wrap(err, "score attempt")
	}
	if err := tx.NewSelect().Model(&a).Where("a.id = ?", id).Scan(ctx); err != nil {
		return a, apperr.Wrap(err, "reload attempt")
	}
	a.fill()
	return a, nil
}

// expireIfDue submits an active attempt whose deadline has passed (lazily,
// on the next request that touches it) and returns it as it now is.
func (s *Service) expireIfDue(ctx context.Context, a Attempt) (Attempt, error) {
	if !a.due(s.now()) {
		return a, nil
	}
	var out Attempt
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.submitTx(ctx, tx, a, SubmitTimeout)
		return err
	})
	if err == nil {
		s.afterGraded(ctx, out)
	}
	return out, err
}

// Submit ends the caller's attempt. Submitting an attempt already
// submitted answers its current state (a retried submit is harmless).
// Errors: not_found.
func (s *Service) Submit(ctx context.Context, attemptID int64) (AttemptView, error) {
	a, e, err := s.myAttempt(ctx, attemptID)
	if err != nil {
		return AttemptView{}, err
	}
	if a.Status == AttemptActive {
		reason := SubmitLearner
		if a.due(s.now()) {
			reason = SubmitTimeout
		}
		err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			var err error
			a, err = s.submitTx(ctx, tx, a, reason)
			return err
		})
		if err != nil {
			return AttemptView{}, err
		}
		s.afterGraded(ctx, a)
	}
	return s.buildView(ctx, s.db.R, e, a)
}

// Attempt returns the caller's attempt as the exam page shows it, after
// submitting it when its deadline has passed. This is the resume call: a
// reloaded page gets every saved answer and the remaining time. Errors:
// not_found.
func (s *Service) Attempt(ctx context.Context, attemptID int64) (AttemptView, error) {
	a, e, err := s.myAttempt(ctx, attemptID)
	if err != nil {
		return AttemptView{}, err
	}
	if a, err = s.expireIfDue(ctx, a); err != nil {
		return AttemptView{}, err
	}
	return s.buildView(ctx, s.db.R, e, a)
}

// myAttempt loads one of the caller's attempts and its exam. Errors:
// not_found (also for someone else's attempt).
func (s *Service) myAttempt(ctx context.Context, attemptID int64) (Attempt, Exam, error) {
	emp, err := me(ctx)
	if err != nil {
		return Attempt{}, Exam{}, err
	}
	var a Attempt
	if err := s.db.R.NewSelect().Model(&a).Where("a.id = ? AND a.employee_id = ?", attemptID, emp).Scan(ctx); err != nil {
		return a, Exam{}, db.NotFound(err, "attempt", attemptID)
	}
	e, err := s.exam(ctx, s.db.R, a.ExamID)
	return a, e, err
}

// Sweep submits every active attempt whose deadline has passed, each in its
// own transaction, and returns how many it submitted. `serve` calls it every
// 30 s (internal/app); requests also submit lazily, so the sweep only
// matters for attempts nobody touches again.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	var due []Attempt
	if err := s.db.R.NewSelect().Model(&due).Where("a.status = ? AND a.deadline_at <= ?", AttemptActive, s.now()).
		OrderExpr("a.deadline_at").Limit(1000).Scan(ctx); err != nil {
		return 0, apperr.Wrap(err, "find attempts past their deadline")
	}
	n := 0
	for _, a := range due {
		out, err := s.expireIfDue(ctx, a)
		if err != nil {
			return n, err
		}
		if out.Status != AttemptActive {
			n++
		}
	}
	return n, nil
}

// afterGraded runs after the commit of a grading change: a passed exam or
// post-test of a course completes the course for the learner when the
// course completes by exam (learning decides; not being on the course is
// not an error here). Failures are logged, never undo the grade.
func (s *Service) afterGraded(ctx context.Context, a Attempt) {
	if s.Learning == nil || a.Status != AttemptGraded || a.Passed == nil || !*a.Passed {
		return
	}
	e, err := s.exam(ctx, s.db.R, a.ExamID)
	if err != nil || e.CourseID == nil || e.Purpose == PurposePre {
		return
	}
	c, err := s.Learning.Course(systemCtx(ctx), *e.CourseID)
	if err != nil || c.CompletionRule != "exam" {
		return
	}
	if err := s.Learning.MarkCourseCompleted(systemCtx(ctx), *e.CourseID, a.EmployeeID); err != nil && !apperr.Is(err, apperr.NotFound) {
		slog.WarnContext(ctx, "course not marked completed after a passed exam", "attempt", a.ID, "err", err)
	}
}
