package assessment

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// AttemptView is what the learner's exam page gets: the questions in the
// attempt's order with the learner's saved answers and the server's timer.
// It never holds an answer key, explanation, rubric or reference answer;
// those come only from the review, when the exam's policy allows it.
type AttemptView struct {
	ID               int64          `json:"id"`
	ExamID           int64          `json:"exam_id"`
	ExamTitle        string         `json:"exam_title"`
	AttemptNo        int            `json:"attempt_no"`
	Status           string         `json:"status" enum:"active,submitted,graded"`
	StartedAt        time.Time      `json:"started_at"`
	DeadlineAt       *time.Time     `json:"deadline_at" doc:"answers are refused from this instant; null: no time limit"`
	ServerNow        time.Time      `json:"server_now" doc:"the server's clock, to correct the page's timer"`
	RemainingSeconds *int           `json:"remaining_seconds" doc:"until the deadline; null: no time limit"`
	SubmittedAt      *time.Time     `json:"submitted_at"`
	SubmitReason     string         `json:"submit_reason"`
	Answered         int            `json:"answered"`
	Questions        []QuestionView `json:"questions"`
	Result           *Result        `json:"result" doc:"present once the review policy lets the learner see the score"`
	ReviewAvailable  bool           `json:"review_available" doc:"GET .../review answers (keys and marks)"`
}

// QuestionView is one question as the learner sees it.
type QuestionView struct {
	Position int        `json:"position"`
	Kind     string     `json:"kind"`
	Stem     string     `json:"stem"`
	Options  []Option   `json:"options" doc:"in this attempt's order"`
	Blanks   int        `json:"blanks" doc:"fill-in-the-blank: how many blanks"`
	Points   float64    `json:"points"`
	Answer   *Response  `json:"answer" doc:"the saved answer; null when nothing is saved"`
	Seq      int64      `json:"seq" doc:"sequence number of the saved answer (0: none)"`
	SavedAt  *time.Time `json:"saved_at"`
}

// Result is an attempt's score.
type Result struct {
	Score         float64 `json:"score"`
	MaxScore      float64 `json:"max_score"`
	Percent       float64 `json:"percent"`
	PassPercent   int     `json:"pass_percent"`
	Passed        *bool   `json:"passed" doc:"null while short answers wait for a grader"`
	PendingManual int     `json:"pending_manual"`
}

func resultOf(a Attempt) *Result {
	a.fill()
	return &Result{Score: a.Score, MaxScore: a.MaxScore, Percent: a.Percent, PassPercent: a.PassPercent, Passed: a.Passed, PendingManual: a.PendingManual}
}

// scoreVisible and reviewVisible apply the exam's review policy (see
// ReviewPolicies) to a submitted attempt at now.
func scoreVisible(e Exam, a Attempt, now time.Time) bool {
	if a.Status == AttemptActive {
		return false
	}
	if e.ReviewPolicy == ReviewAfterClose {
		return e.windowClosed(now)
	}
	return true
}

func reviewVisible(e Exam, a Attempt, now time.Time) bool {
	if a.Status == AttemptActive {
		return false
	}
	switch e.ReviewPolicy {
	case ReviewAfterSubmit:
		return true
	case ReviewAfterClose:
		return e.windowClosed(now)
	}
	return false
}

// attemptItems loads an attempt's items in order.
func attemptItems(ctx context.Context, idb bun.IDB, attemptID int64) ([]AttemptItem, error) {
	var items []AttemptItem
	err := idb.NewSelect().Model(&items).Where("ai.attempt_id = ?", attemptID).OrderExpr("ai.position").Scan(ctx)
	return items, apperr.Wrap(err, "load attempt items")
}

// buildView assembles the learner's view of an attempt.
func (s *Service) buildView(ctx context.Context, idb bun.IDB, e Exam, a Attempt) (AttemptView, error) {
	items, err := attemptItems(ctx, idb, a.ID)
	if err != nil {
		return AttemptView{}, err
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.QuestionVersionID
	}
	vs, err := s.loadVersions(ctx, idb, ids)
	if err != nil {
		return AttemptView{}, err
	}
	now := s.now()
	v := AttemptView{ID: a.ID, ExamID: e.ID, ExamTitle: e.Title, AttemptNo: a.AttemptNo, Status: a.Status, StartedAt: a.StartedAt,
		DeadlineAt: a.DeadlineAt, ServerNow: now, SubmittedAt: a.SubmittedAt, SubmitReason: a.SubmitReason, Questions: make([]QuestionView, 0, len(items))}
	if a.DeadlineAt != nil && a.Status == AttemptActive {
		left := max(0, int(a.DeadlineAt.Sub(now).Seconds()))
		v.RemainingSeconds = &left
	}
	for _, it := range items {
		q := vs[it.QuestionVersionID]
		qv := QuestionView{Position: it.Position, Kind: q.Kind, Stem: q.Stem, Options: orderedOptions(q, it.OptionOrder),
			Points: pointsOf(it.PointsC), Seq: it.AnswerSeq, SavedAt: it.AnsweredAt}
		if q.Kind == KindFill {
			qv.Blanks = len(q.Key.Blanks)
		}
		if it.Answer != "" {
			r := it.response()
			qv.Answer = &r
			v.Answered++
		}
		v.Questions = append(v.Questions, qv)
	}
	if scoreVisible(e, a, now) {
		v.Result = resultOf(a)
	}
	v.ReviewAvailable = reviewVisible(e, a, now)
	return v, nil
}
