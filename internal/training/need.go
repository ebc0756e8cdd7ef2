package training

import (
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Need is an entry of the training needs pool: what should be trained, for
// whom, why (its source) and how urgently. Its status follows the plan:
// open until a plan item links it (planned), met once a linked item is
// delivered.
type Need struct {
	bun.BaseModel `bun:"table:training_needs,alias:n"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	Source        string    `bun:"source" json:"source" enum:"competency_gap,business_problem,survey,manager_request"`
	SourceID      *int64    `bun:"source_id" json:"source_id" doc:"the assessment round, business problem or questionnaire it came from"`
	SourceKey     *string   `bun:"source_key" json:"-"`
	CompetencyID  *int64    `bun:"competency_id" json:"competency_id"`
	Topic         string    `bun:"topic" json:"topic"`
	Description   string    `bun:"description" json:"description"`
	Priority      string    `bun:"priority" json:"priority" enum:"high,medium,low"`
	Status        string    `bun:"status" json:"status" enum:"open,planned,met"`
	RequestedBy   *int64    `bun:"requested_by" json:"requested_by" doc:"employee who entered it (manager requests)"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`

	Audience        Audience `bun:"-" json:"audience"`
	AudienceText    string   `bun:"-" json:"audience_text" doc:"the audience's names, for lists"`
	CompetencyName  string   `bun:"-" json:"competency_name"`
	SourceTitle     string   `bun:"-" json:"source_title" doc:"name of the round, problem or questionnaire"`
	RequestedByName string   `bun:"-" json:"requested_by_name"`
	PlanItemIDs     []int64  `bun:"-" json:"plan_item_ids" doc:"plan items that address it"`
}

// Need sources.
const (
	SourceGap     = "competency_gap"
	SourceProblem = "business_problem"
	SourceSurvey  = "survey"
	SourceManager = "manager_request"
)

// NeedSources lists the sources.
var NeedSources = []string{SourceGap, SourceProblem, SourceSurvey, SourceManager}

// Need statuses.
const (
	NeedOpen    = "open"
	NeedPlanned = "planned"
	NeedMet     = "met"
)

// NeedInput is the writable part of a need.
type NeedInput struct {
	Topic        string   `json:"topic" minLength:"1" maxLength:"100"`
	Description  string   `json:"description,omitempty" maxLength:"2000"`
	CompetencyID *int64   `json:"competency_id,omitempty"`
	Priority     string   `json:"priority,omitempty" enum:"high,medium,low" doc:"default medium"`
	Audience     Audience `json:"audience"`
	Status       string   `json:"status,omitempty" enum:"open,met" doc:"update only; needs linked to plan items follow their items"`
	Version      int      `json:"version,omitempty" doc:"required on update"`
}

func (in *NeedInput) validate() error {
	var v apperr.Validation
	in.Topic, in.Description = strings.TrimSpace(in.Topic), strings.TrimSpace(in.Description)
	if in.Topic == "" {
		v.Reject("body.topic", apperr.Required(), "topic is required")
	}
	if in.Priority == "" {
		in.Priority = "medium"
	}
	oneOf(&v, "body.priority", in.Priority, Priorities)
	if in.Audience.Empty() {
		v.Reject("body.audience", apperr.Required(), "name at least one person, position or department")
	}
	in.Audience = in.Audience.normalise()
	return v.Err()
}

// needStatusFromItems derives a linked need's status from the statuses of
// its plan items: met when one is delivered, planned when one is still
// planned or scheduled, open otherwise (none, or all cancelled).
func needStatusFromItems(itemStatuses []string) string {
	st := NeedOpen
	for _, s := range itemStatuses {
		switch s {
		case ItemDelivered:
			return NeedMet
		case ItemPlanned, ItemScheduled:
			st = NeedPlanned
		}
	}
	return st
}
