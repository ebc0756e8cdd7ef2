package assessment

import (
	"context"
	"errors"
	"time"

	"ecomops/internal/platform/apperr"
)

// MyExam is an exam offered to the caller, with where they stand.
type MyExam struct {
	ID               int64          `json:"id"`
	Title            string         `json:"title"`
	Description      string         `json:"description"`
	Purpose          string         `json:"purpose"`
	CourseID         *int64         `json:"course_id"`
	SessionID        *int64         `json:"session_id"`
	Status           string         `json:"status"`
	OpensAt          *time.Time     `json:"opens_at"`
	ClosesAt         *time.Time     `json:"closes_at"`
	TimeLimitMinutes int            `json:"time_limit_minutes"`
	PassPercent      int            `json:"pass_percent"`
	MaxAttempts      int            `json:"max_attempts"`
	ReviewPolicy     string         `json:"review_policy"`
	AttemptsUsed     int            `json:"attempts_used"`
	ActiveAttemptID  *int64         `json:"active_attempt_id" doc:"resume this attempt"`
	CanStart         bool           `json:"can_start" doc:"POST .../attempts starts a new attempt now"`
	Reason           string         `json:"reason" doc:"why a new attempt cannot start now, in English (empty when it can)"`
	ReasonCode       string         `json:"reason_code" doc:"the same as a code the UI translates: exam_in_progress, exam_not_published, exam_closed, exam_not_open_yet, exam_window_closed, exam_not_in_audience, exam_no_attempts_left; empty when an attempt can start"`
	ReasonParams     map[string]any `json:"reason_params" doc:"the values the reason names: opens_at (exam_not_open_yet), closes_at (exam_window_closed), max_attempts (exam_no_attempts_left)"`
	Attempts         []MyResult     `json:"attempts"`
}

// MyResult is one of the caller's attempts in the list.
type MyResult struct {
	ID              int64      `json:"id"`
	AttemptNo       int        `json:"attempt_no"`
	Status          string     `json:"status"`
	SubmittedAt     *time.Time `json:"submitted_at"`
	Result          *Result    `json:"result" doc:"when the review policy shows the score"`
	ReviewAvailable bool       `json:"review_available"`
}

// MyExams lists the published exams whose audience includes the caller,
// and closed ones they attempted, with their attempts. Attempts whose
// deadline has passed are submitted first (lazily), so the list is current.
func (s *Service) MyExams(ctx context.Context) ([]MyExam, error) {
	emp, err := me(ctx)
	if err != nil {
		return []MyExam{}, nil // a login without employee record is offered no exam
	}
	var exams []Exam
	if err := examQuery(s.db.R, &exams).Where("e.status <> ?", ExamDraft).OrderExpr("e.id DESC").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "list exams")
	}
	if err := s.fillAudiences(ctx, s.db.R, exams); err != nil {
		return nil, err
	}
	var mine []Attempt
	if err := s.db.R.NewSelect().Model(&mine).Where("a.employee_id = ?", emp).OrderExpr("a.exam_id, a.attempt_no").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "list my attempts")
	}
	for i := range mine {
		if mine[i], err = s.expireIfDue(ctx, mine[i]); err != nil {
			return nil, err
		}
	}
	m, err := s.memberOf(ctx, emp)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := []MyExam{}
	for _, e := range exams {
		var tried []Attempt
		for _, a := range mine {
			if a.ExamID == e.ID {
				tried = append(tried, a)
			}
		}
		invited := false
		if e.Status == ExamPublished {
			if invited, err = s.inAudience(ctx, m, e); err != nil {
				return nil, err
			}
		}
		if !invited && len(tried) == 0 {
			continue
		}
		out = append(out, myExam(e, tried, invited, now))
	}
	return out, nil
}

// myExam describes one exam for the caller (pure).
func myExam(e Exam, tried []Attempt, invited bool, now time.Time) MyExam {
	m := MyExam{ID: e.ID, Title: e.Title, Description: e.Description, Purpose: e.Purpose, CourseID: e.CourseID, SessionID: e.SessionID,
		Status: e.Status, OpensAt: e.OpensAt, ClosesAt: e.ClosesAt, TimeLimitMinutes: e.TimeLimitMinutes, PassPercent: e.PassPercent,
		MaxAttempts: e.MaxAttempts, ReviewPolicy: e.ReviewPolicy, AttemptsUsed: len(tried), Attempts: []MyResult{}}
	for _, a := range tried {
		if a.Status == AttemptActive {
			id := a.ID
			m.ActiveAttemptID = &id
		}
		r := MyResult{ID: a.ID, AttemptNo: a.AttemptNo, Status: a.Status, SubmittedAt: a.SubmittedAt, ReviewAvailable: reviewVisible(e, a, now)}
		if scoreVisible(e, a, now) {
			r.Result = resultOf(a)
		}
		m.Attempts = append(m.Attempts, r)
	}
	switch err := e.open(now); {
	case m.ActiveAttemptID != nil:
		m.Reason, m.ReasonCode = "an attempt is in progress: resume it", ReasonInProgress
	case err != nil:
		m.Reason = message(err)
		var ae *apperr.Error
		if errors.As(err, &ae) {
			m.ReasonCode, m.ReasonParams = ae.Reason.Code, ae.Reason.Params
		}
	case !invited:
		m.Reason, m.ReasonCode = "you are no longer in this exam's audience", ReasonNotInAudience
	case e.MaxAttempts > 0 && len(tried) >= e.MaxAttempts:
		m.Reason, m.ReasonCode = "no attempts left", ReasonNoAttemptsLeft
		m.ReasonParams = map[string]any{"max_attempts": e.MaxAttempts}
	default:
		m.CanStart = true
	}
	if m.ReasonParams == nil {
		m.ReasonParams = map[string]any{}
	}
	return m
}

// Why an attempt cannot start: MyExam.ReasonCode, and the reason of the
// problem a refused start answers (docs/API.md).
const (
	ReasonInProgress     = "exam_in_progress"      // resume the attempt in progress
	ReasonNotPublished   = "exam_not_published"    // still a draft
	ReasonClosed         = "exam_closed"           // closed by its manager
	ReasonNotOpenYet     = "exam_not_open_yet"     // {opens_at}
	ReasonWindowClosed   = "exam_window_closed"    // {closes_at}
	ReasonNotInAudience  = "exam_not_in_audience"  // no longer among those invited
	ReasonNoAttemptsLeft = "exam_no_attempts_left" // {max_attempts}
)

// message is the user-facing text of an application error.
func message(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Message
	}
	return err.Error()
}
