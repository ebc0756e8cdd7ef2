// Package learning delivers training (REQUIREMENTS B2.2, B3): the course
// catalogue with materials in blob storage, internal sessions with
// enrolment, QR check-in and attendance, external training with summary
// reports and the knowledge library, and online learning with per-material
// progress, completion rules, certificates and the learner portal 我的学习.
//
// Units: hours (学时) are integers in tenths of an hour (hours_tenths 15 is
// 1.5 学时), so sums stay exact; money is fen; instants are UTC; business
// dates are YYYY-MM-DD in the company time zone.
//
// It reads the organisation through org's service, never its tables, and
// the annual plan through the PlanLink the application wires to training.
package learning

import (
	"fmt"
	"slices"
	"strings"

	"ecomops/internal/platform/apperr"
)

// Permissions this module declares.
var Permissions = []string{
	"learning:course:read", "learning:course:update",
	"learning:session:read", "learning:session:manage", "learning:session:attend",
	"learning:external:request", "learning:external:approve", "learning:external:review",
	"learning:progress:read", "learning:library:read", "learning:setting:update",
}

// Course and external-training categories (the plan's topic categories).
var Categories = []string{"basics", "professional", "marketing", "customer_service", "management", "other"}

// Teaching methods of a course.
var Methods = []string{"lecture", "case_study", "practice", "discussion", "online"}

// Completion rules of a course:
//
//	all_materials  every required material completed
//	min_share      at least completion_min_pct % of the required materials completed
//	exam           completed only when the assessment module reports a passed exam (MarkCourseCompleted)
var CompletionRules = []string{"all_materials", "min_share", "exam"}

// Course statuses: only published courses are open to learners.
var CourseStatuses = []string{"draft", "published", "archived"}

// Material kinds and the content each accepts.
var MaterialKinds = []string{"document", "slides", "video", "image"}

// FormatHours renders tenths of an hour as "1.5".
func FormatHours(tenths int64) string {
	if tenths%10 == 0 {
		return fmt.Sprintf("%d", tenths/10)
	}
	sign := ""
	if tenths < 0 {
		sign, tenths = "-", -tenths
	}
	return fmt.Sprintf("%s%d.%d", sign, tenths/10, tenths%10)
}

// oneOf adds a field error when val is not in allowed.
func oneOf(v *apperr.Validation, loc, val string, allowed []string) {
	if !slices.Contains(allowed, val) {
		v.Reject(loc, apperr.OneOf(allowed...), "must be one of %s", strings.Join(allowed, ", "))
	}
}

// required adds a field error when the trimmed value is empty and returns it trimmed.
func required(v *apperr.Validation, loc, val string) string {
	val = strings.TrimSpace(val)
	if val == "" {
		v.Reject(loc, apperr.Required(), "is required")
	}
	return val
}

// csv joins a list for a TEXT column; splitCSV reverses it.
func csv(list []string) string { return strings.Join(list, ",") }

func splitCSV(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}
