// Package training is needs analysis and planning (REQUIREMENTS B1, B2.1):
// competency models per position, assessment rounds with gaps, the business
// problem register, a generic questionnaire engine with the seeded
// development survey, the training needs pool and the annual training plan
// with its completion rate.
//
// It reads the organisation through org's service (never its tables). The
// learning module drives plan items through PlanItems, PlanItem,
// SetPlanItemStatus and MarkItemDelivered; the evaluation module builds
// feedback forms on the questionnaire engine (CreateQuestionnaire,
// SubmitResponse, QuestionnaireResults, NonResponders); appraisal reads
// PlanCompletion.
package training

import (
	"slices"
	"strings"

	"ecomops/internal/metrics"
	"ecomops/internal/platform/apperr"
)

// Permissions this module declares.
var Permissions = []string{
	"training:competency:read", "training:competency:update",
	"training:assessment:read", "training:assessment:manage", "training:assessment:rate",
	"training:problem:read", "training:problem:update",
	"training:survey:read", "training:survey:manage", "training:survey:answer",
	"training:need:read", "training:need:update",
	"training:plan:read", "training:plan:update", "training:plan:approve",
}

// Audience names who something is for: people, whole positions and whole
// departments (a department includes its sub-departments).
type Audience struct {
	EmployeeIDs   []int64 `json:"employee_ids" required:"false" maxItems:"1000" doc:"employees"`
	PositionIDs   []int64 `json:"position_ids" required:"false" maxItems:"100" doc:"everyone holding these positions"`
	DepartmentIDs []int64 `json:"department_ids" required:"false" maxItems:"100" doc:"everyone in these departments and below"`
}

// Empty reports whether the audience names nobody.
func (a Audience) Empty() bool {
	return len(a.EmployeeIDs) == 0 && len(a.PositionIDs) == 0 && len(a.DepartmentIDs) == 0
}

// normalise sorts and de-duplicates the id lists and turns nil into empty.
func (a Audience) normalise() Audience {
	clean := func(ids []int64) []int64 {
		out := slices.Clone(ids)
		slices.Sort(out)
		out = slices.Compact(out)
		if out == nil {
			out = []int64{}
		}
		return out
	}
	return Audience{EmployeeIDs: clean(a.EmployeeIDs), PositionIDs: clean(a.PositionIDs), DepartmentIDs: clean(a.DepartmentIDs)}
}

// oneOf adds a field error when v is not in allowed.
func oneOf(v *apperr.Validation, loc, val string, allowed []string) {
	if !slices.Contains(allowed, val) {
		v.Reject(loc, apperr.OneOf(allowed...), "must be one of %s", strings.Join(allowed, ", "))
	}
}

// Priorities of a need, highest first.
var Priorities = []string{"high", "medium", "low"}

// priorityRank orders priorities: high 3, medium 2, low 1.
func priorityRank(p string) int {
	switch p {
	case "high":
		return 3
	case "medium":
		return 2
	case "low":
		return 1
	}
	return 0
}

// newRatio is the project's ratio (metrics.Ratio: numerator, denominator,
// value, null when nothing is counted) of two counts.
func newRatio(num, den int) metrics.Ratio {
	r := metrics.Ratio{Numerator: float64(num), Denominator: float64(den)}
	if den > 0 {
		v := float64(num) / float64(den)
		r.Value = &v
	}
	return r
}
