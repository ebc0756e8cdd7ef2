package assessment

import (
	"context"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
)

// SaveInput is one autosave of one answer.
type SaveInput struct {
	Answer Response `json:"answer" doc:"the whole answer to this question (an empty one clears it)"`
	Seq    int64    `json:"seq" minimum:"1" doc:"the client's sequence number for this question: higher for every new answer (e.g. Date.now() at the moment the answer was given); a save with a seq not above the stored one changes nothing"`
}

// SaveResult tells what the server now holds for the question.
type SaveResult struct {
	Position   int        `json:"position"`
	Applied    bool       `json:"applied" doc:"false: the server already held this seq or a newer one; answer and seq are what it holds"`
	Seq        int64      `json:"seq"`
	Answer     *Response  `json:"answer"`
	SavedAt    *time.Time `json:"saved_at"`
	DeadlineAt *time.Time `json:"deadline_at"`
	ServerNow  time.Time  `json:"server_now"`
}

// attemptRefOf returns who owns an attempt and its question versions
// (cached: they never change). Errors: not_found.
func (s *Service) attemptRefOf(ctx context.Context, attemptID int64) (attemptRef, error) {
	if r, ok := s.attempts.get(attemptID); ok {
		return r, nil
	}
	var a Attempt
	if err := s.db.R.NewSelect().Model(&a).Column("id", "employee_id").Where("a.id = ?", attemptID).Scan(ctx); err != nil {
		return attemptRef{}, db.NotFound(err, "attempt", attemptID)
	}
	var versions []int64
	if err := s.db.R.NewSelect().Model((*AttemptItem)(nil)).Column("question_version_id").Where("attempt_id = ?", attemptID).
		OrderExpr("position").Scan(ctx, &versions); err != nil {
		return attemptRef{}, apperr.Wrap(err, "load attempt questions")
	}
	r := attemptRef{employeeID: a.EmployeeID, versions: versions}
	s.attempts.put(attemptID, r)
	return r, nil
}

// SaveAnswer stores the caller's answer to one question of their attempt,
// as it is given. Contract:
//
//   - idempotent and ordered: the answer is written only when seq is higher
//     than the stored seq, in one conditional UPDATE, so a retried save
//     changes nothing and a late, older save never overwrites a newer one
//     (Applied false then, with what the server holds);
//   - durable before it is acknowledged: the answer is committed with its
//     audit row before SaveAnswer returns (see answerWriter);
//   - refused once the attempt is submitted or its deadline has passed
//     (409 conflict saying which); an attempt found past its deadline is
//     submitted on the spot with the answers saved before it;
//   - the answer must fit the question (422 at body.answer).
//
// Errors: not_found (not the caller's attempt, or no such position),
// invalid, conflict.
func (s *Service) SaveAnswer(ctx context.Context, attemptID int64, position int, in SaveInput) (SaveResult, error) {
	emp, err := me(ctx)
	if err != nil {
		return SaveResult{}, err
	}
	ref, err := s.attemptRefOf(ctx, attemptID)
	if err != nil {
		return SaveResult{}, err
	}
	if ref.employeeID != emp {
		return SaveResult{}, apperr.NotFoundf("attempt", attemptID)
	}
	if position < 1 || position > len(ref.versions) {
		return SaveResult{}, apperr.NotFoundf("question of the attempt", position)
	}
	vs, err := s.loadVersions(ctx, s.db.R, []int64{ref.versions[position-1]})
	if err != nil {
		return SaveResult{}, err
	}
	answer := in.Answer
	if err := checkResponse(vs[ref.versions[position-1]], &answer); err != nil {
		return SaveResult{}, err
	}
	if in.Seq < 1 {
		return SaveResult{}, apperr.Reject("body.seq", apperr.AtLeast(1), "seq is a positive number")
	}
	now := s.now()
	stored := encodeResponse(answer)
	applied, err := s.writer.write(&answerWrite{ctx: ctx, attemptID: attemptID, position: position, seq: in.Seq, stored: stored, employee: emp, now: now})
	if err != nil {
		return SaveResult{}, err
	}
	var a Attempt
	if err := s.db.R.NewSelect().Model(&a).Where("a.id = ?", attemptID).Scan(ctx); err != nil {
		return SaveResult{}, db.NotFound(err, "attempt", attemptID)
	}
	out := SaveResult{Position: position, Applied: applied, DeadlineAt: a.DeadlineAt, ServerNow: now}
	if applied {
		out.Seq, out.SavedAt = in.Seq, &now
		if stored != "" {
			out.Answer = &answer
		}
		return out, nil
	}
	// not written: find out why
	if a.Status == AttemptActive && a.due(now) {
		if _, err := s.expireIfDue(ctx, a); err != nil {
			return SaveResult{}, err
		}
		at := a.DeadlineAt.UTC().Format(time.RFC3339)
		return SaveResult{}, apperr.Refuse(apperr.Conflict, apperr.Because("attempt_time_up", apperr.P{"deadline_at": at}),
			"time is up: the attempt was submitted at its deadline %s; this answer was not saved", at)
	}
	if a.Status != AttemptActive {
		at := ""
		if a.SubmittedAt != nil {
			at = a.SubmittedAt.UTC().Format(time.RFC3339)
		}
		return SaveResult{}, apperr.Refuse(apperr.Conflict, apperr.Because("attempt_submitted", apperr.P{"submitted_at": at, "submit_reason": a.SubmitReason}),
			"the attempt was submitted at %s (%s); answers are no longer accepted", at, a.SubmitReason)
	}
	var it AttemptItem
	if err := s.db.R.NewSelect().Model(&it).Where("ai.attempt_id = ? AND ai.position = ?", attemptID, position).Scan(ctx); err != nil {
		return SaveResult{}, db.NotFound(err, "question of the attempt", position)
	}
	out.Seq, out.SavedAt = it.AnswerSeq, it.AnsweredAt
	if it.Answer != "" {
		r := it.response()
		out.Answer = &r
	}
	return out, nil
}
