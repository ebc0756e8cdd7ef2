package training

import (
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Plan is the annual training plan (年度培训计划, B2.1) of one year.
// Workflow: draft -> submitted -> approved | rejected; a rejected plan is
// edited and submitted again. Items are edited while the plan is a draft or
// rejected; only an approved plan is executed (item statuses change and the
// completion rate counts it).
type Plan struct {
	bun.BaseModel `bun:"table:training_plans,alias:tp"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	Year          int        `bun:"year" json:"year"`
	Title         string     `bun:"title" json:"title"`
	Goals         string     `bun:"goals" json:"goals"`
	Status        string     `bun:"status" json:"status" enum:"draft,submitted,approved,rejected"`
	SubmittedAt   *time.Time `bun:"submitted_at" json:"submitted_at"`
	DecidedAt     *time.Time `bun:"decided_at" json:"decided_at" doc:"last approval or rejection"`
	Version       int        `bun:"version" json:"version"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`

	Items       int            `bun:"-" json:"items" doc:"items, cancelled included"`
	BudgetFen   int64          `bun:"-" json:"budget_fen" doc:"budget of the items not cancelled"`
	ByStatus    map[string]int `bun:"-" json:"by_status" doc:"items per status"`
	ByCategory  map[string]int `bun:"-" json:"by_category" doc:"items per topic category (not cancelled)"`
	LastComment string         `bun:"-" json:"last_comment" doc:"comment of the last review action"`
}

// Plan statuses.
const (
	PlanDraft     = "draft"
	PlanSubmitted = "submitted"
	PlanApproved  = "approved"
	PlanRejected  = "rejected"
)

// PlanReview is one step of a plan's workflow.
type PlanReview struct {
	bun.BaseModel `bun:"table:training_plan_reviews,alias:rv"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	PlanID        int64     `bun:"plan_id" json:"plan_id"`
	Action        string    `bun:"action" json:"action" enum:"submit,approve,reject"`
	FromStatus    string    `bun:"from_status" json:"from_status"`
	ToStatus      string    `bun:"to_status" json:"to_status"`
	Comment       string    `bun:"comment" json:"comment"`
	UserID        *int64    `bun:"user_id" json:"user_id"`
	UserName      string    `bun:"user_name" json:"user_name"`
	At            time.Time `bun:"at" json:"at"`
}

// transitions of the plan workflow: action -> allowed from-statuses and the result.
var transitions = map[string]struct {
	from []string
	to   string
}{
	"submit":  {[]string{PlanDraft, PlanRejected}, PlanSubmitted},
	"approve": {[]string{PlanSubmitted}, PlanApproved},
	"reject":  {[]string{PlanSubmitted}, PlanRejected},
}

// nextStatus applies action to a plan in status from. Rejecting needs a
// comment saying why. Errors: invalid.
func nextStatus(from, action, comment string) (string, error) {
	t, ok := transitions[action]
	if !ok {
		return "", apperr.New(apperr.Invalid, "unknown plan action %q", action)
	}
	allowed := false
	for _, f := range t.from {
		allowed = allowed || f == from
	}
	if !allowed {
		return "", apperr.Refuse(apperr.Invalid, apperr.Because("plan_transition", apperr.P{"status": from, "action": action}), "a %s plan cannot be %s", from, pastTense(action))
	}
	if action == "reject" && strings.TrimSpace(comment) == "" {
		return "", apperr.Reject("body.comment", apperr.Required(), "say why the plan is rejected")
	}
	return t.to, nil
}

func pastTense(action string) string {
	switch action {
	case "submit":
		return "submitted"
	case "approve":
		return "approved"
	}
	return "rejected"
}

// editable reports whether a plan's content and items may change.
func (p Plan) editable() bool { return p.Status == PlanDraft || p.Status == PlanRejected }

func validatePlan(p *Plan) error {
	var v apperr.Validation
	p.Title, p.Goals = strings.TrimSpace(p.Title), strings.TrimSpace(p.Goals)
	if p.Year < 2000 || p.Year > 2100 {
		v.Reject("body.year", apperr.Between(2000, 2100), "year must be between 2000 and 2100")
	}
	if p.Title == "" {
		v.Reject("body.title", apperr.Required(), "title is required")
	}
	return v.Err()
}
