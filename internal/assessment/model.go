// Package assessment is training evaluation (REQUIREMENTS B4, inputs of
// C1.2): the question bank with immutable question versions, fixed and
// rule-based papers, exams with pre-test/post-test pairs, taking an exam
// with per-answer autosave and a server-side timer, automatic and manual
// grading, participation recorded during a session, post-session feedback
// on the training module's questionnaire engine, the managers' on-the-job
// ratings, lessons learned, the four-level effect report (reaction,
// learning, behaviour, results with difference in differences) and the
// trainer KPIs the appraisal module reads.
//
// Other modules are reached through their exported services only: org
// (people, departments, positions, shops), training (competencies,
// questionnaires, plan completion), learning (courses, sessions,
// attendance), metrics (shop KPIs) and the notification centre.
//
// Scores are integers in hundredths of a point ("centipoints", fields and
// columns ending in _c): a 2-point question answered half right scores 100.
package assessment

import (
	"slices"
	"strconv"
	"strings"

	"ecomops/internal/metrics"
	"ecomops/internal/platform/apperr"
)

// Permissions this module declares.
var Permissions = []string{
	"assessment:question:read", "assessment:question:update", "assessment:question:import",
	"assessment:exam:read", "assessment:exam:manage", "assessment:exam:take", "assessment:exam:grade",
	"assessment:report:read", "assessment:participation:record",
}

// Ratio is the project's rate with the numbers behind it (numerator,
// denominator, value; value null when the denominator is 0).
type Ratio = metrics.Ratio

// NewRatio computes a ratio.
func NewRatio(num, den float64) Ratio {
	r := Ratio{Numerator: num, Denominator: den}
	if den != 0 {
		v := num / den
		r.Value = &v
	}
	return r
}

// oneOf adds a field error when val is not in allowed.
func oneOf(v *apperr.Validation, loc, val string, allowed []string) {
	if !slices.Contains(allowed, val) {
		v.Reject(loc, apperr.OneOf(allowed...), "must be one of %s", strings.Join(allowed, ", "))
	}
}

// joinIDs stores an id list as comma-separated text; splitIDs reverses it.
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func splitIDs(s string) []int64 {
	out := []int64{}
	for _, p := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// splitList reads a comma-separated text column.
func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// cleanIDs sorts and de-duplicates ids, nil becoming empty.
func cleanIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []int64{}
	}
	return out
}

// centi converts whole points to centipoints.
func centi(points int) int { return points * 100 }

// pointsOf renders centipoints as points for output (1.5).
func pointsOf(c int) float64 { return float64(c) / 100 }
