package assessment

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
)

// Review is a submitted attempt with the answer keys and the marks per
// question: for the learner when the exam's review policy allows, and for
// managers and graders.
type Review struct {
	AttemptID    int64        `json:"attempt_id"`
	ExamID       int64        `json:"exam_id"`
	ExamTitle    string       `json:"exam_title"`
	EmployeeID   int64        `json:"employee_id"`
	EmployeeName string       `json:"employee_name"`
	AttemptNo    int          `json:"attempt_no"`
	Status       string       `json:"status"`
	StartedAt    time.Time    `json:"started_at"`
	SubmittedAt  *time.Time   `json:"submitted_at"`
	SubmitReason string       `json:"submit_reason"`
	Seed         int64        `json:"seed"`
	Result       Result       `json:"result"`
	Items        []ReviewItem `json:"items"`
}

// ReviewItem is one question with the learner's answer, the key and the mark.
type ReviewItem struct {
	Position        int       `json:"position"`
	QuestionID      int64     `json:"question_id"`
	VersionNo       int       `json:"version_no"`
	Kind            string    `json:"kind"`
	Stem            string    `json:"stem"`
	Options         []Option  `json:"options"`
	Blanks          int       `json:"blanks"`
	Points          float64   `json:"points"`
	Answer          *Response `json:"answer"`
	Key             Key       `json:"key"`
	Score           *float64  `json:"score" doc:"null while a grader has not marked it"`
	Explanation     string    `json:"explanation"`
	ReferenceAnswer string    `json:"reference_answer"`
	Comment         string    `json:"comment" doc:"the grader's comment"`
}

// buildReview assembles the review of an attempt (no visibility check).
func (s *Service) buildReview(ctx context.Context, idb bun.IDB, e Exam, a Attempt) (Review, error) {
	items, err := attemptItems(ctx, idb, a.ID)
	if err != nil {
		return Review{}, err
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.QuestionVersionID
	}
	vs, err := s.loadVersions(ctx, idb, ids)
	if err != nil {
		return Review{}, err
	}
	r := Review{AttemptID: a.ID, ExamID: e.ID, ExamTitle: e.Title, EmployeeID: a.EmployeeID, AttemptNo: a.AttemptNo, Status: a.Status,
		StartedAt: a.StartedAt, SubmittedAt: a.SubmittedAt, SubmitReason: a.SubmitReason, Seed: a.Seed, Result: *resultOf(a),
		Items: make([]ReviewItem, 0, len(items))}
	for _, it := range items {
		q := vs[it.QuestionVersionID]
		ri := ReviewItem{Position: it.Position, QuestionID: it.QuestionID, VersionNo: q.VersionNo, Kind: q.Kind, Stem: q.Stem,
			Options: orderedOptions(q, it.OptionOrder), Points: pointsOf(it.PointsC), Key: q.Key, Explanation: q.Explanation,
			ReferenceAnswer: q.ReferenceAnswer, Comment: it.GraderComment}
		if q.Kind == KindFill {
			ri.Blanks = len(q.Key.Blanks)
		}
		if it.Answer != "" {
			resp := it.response()
			ri.Answer = &resp
		}
		if !it.pending() {
			sc := pointsOf(it.scoreC())
			ri.Score = &sc
		}
		r.Items = append(r.Items, ri)
	}
	return r, nil
}

// MyReview returns the review of the caller's attempt when the exam's
// review policy allows it. Errors: not_found, forbidden (not yet, or never,
// saying which).
func (s *Service) MyReview(ctx context.Context, attemptID int64) (Review, error) {
	a, e, err := s.myAttempt(ctx, attemptID)
	if err != nil {
		return Review{}, err
	}
	if a, err = s.expireIfDue(ctx, a); err != nil {
		return Review{}, err
	}
	now := s.now()
	if !reviewVisible(e, a, now) {
		switch {
		case a.Status == AttemptActive:
			return Review{}, apperr.Refuse(apperr.Forbidden, apperr.Because("review_submit_first", nil), "submit the attempt first")
		case e.ReviewPolicy == ReviewNever:
			return Review{}, apperr.Refuse(apperr.Forbidden, apperr.Because("review_never", nil), "this exam is not reviewed")
		case e.ClosesAt != nil:
			at := e.ClosesAt.UTC().Format(time.RFC3339)
			return Review{}, apperr.Refuse(apperr.Forbidden, apperr.Because("review_after_close", apperr.P{"closes_at": at}),
				"the review opens when the exam closes at %s", at)
		}
		return Review{}, apperr.Refuse(apperr.Forbidden, apperr.Because("review_when_closed", nil), "the review opens when the exam is closed")
	}
	return s.buildReview(ctx, s.db.R, e, a)
}

// AttemptFilter filters an exam's attempts.
type AttemptFilter struct {
	api.Page
	Status string `query:"status" enum:"active,submitted,graded,"`
}

// ExamAttempts lists an exam's attempts of the people in the caller's data
// scope, with names and scores. Errors: not_found (exam).
func (s *Service) ExamAttempts(ctx context.Context, examID int64, f AttemptFilter) ([]Attempt, int, error) {
	if _, err := s.Exam(ctx, examID); err != nil {
		return nil, 0, err
	}
	var items []Attempt
	q := auth.Filter(ctx, s.db.R.NewSelect().Model(&items).Where("a.exam_id = ?", examID), "a.employee_id", auth.EmployeeSet)
	if f.Status != "" {
		q = q.Where("a.status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "a.id", "started_at": "a.started_at", "score": "a.score_c", "employee_id": "a.employee_id"}, "id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list attempts")
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, 0, err
	}
	for i := range items {
		items[i].fill()
		items[i].EmployeeName, items[i].Department = dir.name(items[i].EmployeeID), dir.deptName(items[i].EmployeeID)
	}
	return items, int(n), nil
}

// AttemptReview is the review of any attempt in the caller's data scope
// (managers and graders). Errors: not_found.
func (s *Service) AttemptReview(ctx context.Context, attemptID int64) (Review, error) {
	var a Attempt
	q := auth.Filter(ctx, s.db.R.NewSelect().Model(&a).Where("a.id = ?", attemptID), "a.employee_id", auth.EmployeeSet)
	if err := q.Scan(ctx); err != nil {
		return Review{}, db.NotFound(err, "attempt", attemptID)
	}
	e, err := s.Exam(ctx, a.ExamID)
	if err != nil {
		return Review{}, err
	}
	r, err := s.buildReview(ctx, s.db.R, e, a)
	if err != nil {
		return r, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return r, err
	}
	r.EmployeeName = dir.name(a.EmployeeID)
	return r, nil
}
