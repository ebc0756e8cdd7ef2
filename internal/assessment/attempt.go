package assessment

import (
	"encoding/json"
	"math"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Attempt statuses.
const (
	AttemptActive    = "active"    // being taken; answers are autosaved
	AttemptSubmitted = "submitted" // submitted; short answers wait for a grader
	AttemptGraded    = "graded"    // every question scored
)

// Why an attempt was submitted.
const (
	SubmitLearner = "learner" // the learner pressed submit
	SubmitTimeout = "timeout" // the deadline passed (lazily on the next request, or by the sweep)
	SubmitClosed  = "closed"  // the exam was closed while it was in progress
)

// Attempt is one learner's sitting of an exam. The questions it was given
// (pinned question versions, option order) are stored with it, with the
// seed they were drawn from and the scoring rule and pass mark in force at
// start, so nothing later changes it.
type Attempt struct {
	bun.BaseModel `bun:"table:assessment_attempts,alias:a"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	ExamID        int64      `bun:"exam_id" json:"exam_id"`
	EmployeeID    int64      `bun:"employee_id" json:"employee_id"`
	AttemptNo     int        `bun:"attempt_no" json:"attempt_no"`
	Status        string     `bun:"status" json:"status" enum:"active,submitted,graded"`
	Seed          int64      `bun:"seed" json:"seed" doc:"the random seed the paper and option order were drawn from"`
	MultiRule     string     `bun:"multi_rule" json:"multi_rule"`
	PassPercent   int        `bun:"pass_percent" json:"pass_percent"`
	StartedAt     time.Time  `bun:"started_at" json:"started_at"`
	DeadlineAt    *time.Time `bun:"deadline_at" json:"deadline_at"`
	SubmittedAt   *time.Time `bun:"submitted_at" json:"submitted_at"`
	SubmitReason  string     `bun:"submit_reason" json:"submit_reason" enum:"learner,timeout,closed,"`
	ScoreC        int        `bun:"score_c" json:"-"`
	MaxC          int        `bun:"max_c" json:"-"`
	PendingManual int        `bun:"pending_manual" json:"pending_manual" doc:"short answers waiting for a grader"`
	Passed        *bool      `bun:"passed" json:"passed"`
	GradedAt      *time.Time `bun:"graded_at" json:"graded_at"`
	Version       int        `bun:"version" json:"version"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`

	Score        float64 `bun:"-" json:"score"`
	MaxScore     float64 `bun:"-" json:"max_score"`
	Percent      float64 `bun:"-" json:"percent" doc:"score / max score × 100, one decimal"`
	EmployeeName string  `bun:"-" json:"employee_name"`
	Department   string  `bun:"-" json:"department_name"`
}

// fill computes the derived score fields.
func (a *Attempt) fill() {
	a.Score, a.MaxScore, a.Percent = pointsOf(a.ScoreC), pointsOf(a.MaxC), percent(a.ScoreC, a.MaxC)
}

// percent is 100 × score / max rounded to one decimal (0 when max is 0).
func percent(score, maxC int) float64 {
	if maxC == 0 {
		return 0
	}
	return math.Round(1000*float64(score)/float64(maxC)) / 10
}

// passes applies a pass mark: score / max >= pass% (exactly, in integers).
func passes(score, maxC, passPercent int) bool { return score*100 >= passPercent*maxC }

// due reports whether an active attempt's time is up at now. The deadline
// instant itself is already too late (half-open interval).
func (a Attempt) due(now time.Time) bool {
	return a.Status == AttemptActive && a.DeadlineAt != nil && !now.Before(*a.DeadlineAt)
}

// AttemptItem is one question of an attempt and the learner's saved answer.
type AttemptItem struct {
	bun.BaseModel     `bun:"table:assessment_attempt_items,alias:ai"`
	ID                int64      `bun:"id,pk,autoincrement"`
	AttemptID         int64      `bun:"attempt_id"`
	Position          int        `bun:"position"`
	QuestionID        int64      `bun:"question_id"`
	QuestionVersionID int64      `bun:"question_version_id"`
	PointsC           int        `bun:"points_c"`
	OptionOrder       string     `bun:"option_order"`
	Answer            string     `bun:"answer"`
	AnswerSeq         int64      `bun:"answer_seq"`
	AnsweredAt        *time.Time `bun:"answered_at"`
	AutoScoreC        *int       `bun:"auto_score_c"`
	ManualScoreC      *int       `bun:"manual_score_c"`
	GraderComment     string     `bun:"grader_comment"`
	GradedBy          *int64     `bun:"graded_by"`
	GradedAt          *time.Time `bun:"graded_at"`
}

// response decodes the saved answer (an empty one when nothing is saved).
func (it AttemptItem) response() Response {
	var r Response
	if it.Answer != "" {
		_ = json.Unmarshal([]byte(it.Answer), &r) // written by this package from a Response
	}
	return r
}

// scoreC is the item's score: the grader's, else the automatic one.
func (it AttemptItem) scoreC() int {
	switch {
	case it.ManualScoreC != nil:
		return *it.ManualScoreC
	case it.AutoScoreC != nil:
		return *it.AutoScoreC
	}
	return 0
}

// pending reports whether the item waits for a grader (after submission).
func (it AttemptItem) pending() bool { return it.AutoScoreC == nil && it.ManualScoreC == nil }

// encodeResponse is how answers are stored ("" for an empty answer).
func encodeResponse(r Response) string {
	if r.Empty() {
		return ""
	}
	b, _ := json.Marshal(r)
	return string(b)
}

// orderedOptions returns a version's options in an attempt's order.
func orderedOptions(v QuestionVersion, order string) []Option {
	if order == "" {
		return v.Options
	}
	byKey := map[string]Option{}
	for _, o := range v.Options {
		byKey[o.Key] = o
	}
	out := make([]Option, 0, len(v.Options))
	for _, k := range strings.Split(order, ",") {
		if o, ok := byKey[k]; ok {
			out = append(out, o)
		}
	}
	return out
}
