package learning

import (
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// External is a request to attend outside training (外部培训, B3.2) and
// its life: approval, confirmed attendance, the summary report.
type External struct {
	bun.BaseModel `bun:"table:learning_external,alias:x"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	EmployeeID    int64      `bun:"employee_id" json:"employee_id"`
	Provider      string     `bun:"provider" json:"provider" doc:"the institution or platform running the course"`
	CourseTitle   string     `bun:"course_title" json:"course_title"`
	Location      string     `bun:"location" json:"location"`
	StartsOn      string     `bun:"starts_on" json:"starts_on" doc:"YYYY-MM-DD"`
	EndsOn        string     `bun:"ends_on" json:"ends_on" doc:"YYYY-MM-DD"`
	HoursTenths   int64      `bun:"hours_tenths" json:"hours_tenths" doc:"学时 credited when attendance is confirmed"`
	CostFen       int64      `bun:"cost_fen" json:"cost_fen"`
	Category      string     `bun:"category" json:"category" enum:"basics,professional,marketing,customer_service,management,other"`
	Reason        string     `bun:"reason" json:"reason"`
	PlanItemID    *int64     `bun:"plan_item_id" json:"plan_item_id"`
	Status        string     `bun:"status" json:"status" enum:"requested,approved,rejected,cancelled,attended,completed"`
	DecidedBy     *int64     `bun:"decided_by" json:"decided_by"`
	DecidedAt     *time.Time `bun:"decided_at" json:"decided_at"`
	DecisionNote  string     `bun:"decision_note" json:"decision_note"`
	AttendedAt    *time.Time `bun:"attended_at" json:"attended_at"`
	ReportDueOn   string     `bun:"report_due_on" json:"report_due_on" doc:"set when attendance is confirmed: ends_on + report_due_days"`
	Version       int        `bun:"version" json:"version"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`

	ReportID       *int64 `bun:"report_id,scanonly" json:"report_id"`
	ReportStatus   string `bun:"report_status,scanonly" json:"report_status" doc:"empty (none yet), draft, submitted, returned, approved"`
	EmployeeName   string `bun:"-" json:"employee_name"`
	DepartmentName string `bun:"-" json:"department_name"`
	DaysOverdue    int    `bun:"-" json:"days_overdue" doc:"days past report_due_on while the report is owed"`
}

// External statuses:
//
//	requested  waiting for the manager
//	approved   may go; attendance not confirmed yet
//	rejected   the manager said no
//	cancelled  withdrawn by the requester
//	attended   attendance confirmed; the summary report is owed
//	completed  the report was approved and shared
var ExternalStatuses = []string{"requested", "approved", "rejected", "cancelled", "attended", "completed"}

// externalMoves lists the allowed transitions per action.
var externalMoves = map[string]struct{ from []string }{
	"edit":    {[]string{"requested"}},
	"cancel":  {[]string{"requested", "approved"}},
	"approve": {[]string{"requested"}},
	"reject":  {[]string{"requested"}},
	"attend":  {[]string{"approved"}},
}

// canMove reports whether action applies to a request in status.
func canMove(status, action string) error {
	for _, f := range externalMoves[action].from {
		if f == status {
			return nil
		}
	}
	return apperr.Refuse(apperr.Invalid, apperr.Because("external_transition", apperr.P{"status": status, "action": action}), "a %s request cannot be %s", status, map[string]string{
		"edit": "edited", "cancel": "cancelled", "approve": "approved", "reject": "rejected", "attend": "confirmed as attended"}[action])
}

func (x *External) validate() error {
	var v apperr.Validation
	x.Provider = required(&v, "body.provider", x.Provider)
	x.CourseTitle = required(&v, "body.course_title", x.CourseTitle)
	x.Reason = required(&v, "body.reason", x.Reason)
	x.Location = strings.TrimSpace(x.Location)
	oneOf(&v, "body.category", x.Category, Categories)
	start, err1 := time.Parse(time.DateOnly, x.StartsOn)
	if err1 != nil {
		v.Reject("body.starts_on", apperr.Format("date"), "must be YYYY-MM-DD")
	}
	end, err2 := time.Parse(time.DateOnly, x.EndsOn)
	if err2 != nil {
		v.Reject("body.ends_on", apperr.Format("date"), "must be YYYY-MM-DD")
	}
	if err1 == nil && err2 == nil && end.Before(start) {
		v.Reject("body.ends_on", apperr.BeforeStart(), "must not be before starts_on")
	}
	if x.CostFen < 0 {
		v.Reject("body.cost_fen", apperr.AtLeast(0), "cannot be negative")
	}
	if x.HoursTenths < 0 || x.HoursTenths > 10000 {
		v.Reject("body.hours_tenths", apperr.Between(0, 10000), "must be between 0 and 10000")
	}
	return v.Err()
}

// dueDate is the report due date: the end date plus days.
func dueDate(endsOn string, days int) string {
	t, err := time.Parse(time.DateOnly, endsOn)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, days).Format(time.DateOnly)
}

// daysBetween returns b - a in calendar days for business dates.
func daysBetween(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// reportOwed reports whether the request still owes its report: attendance
// confirmed and no report submitted or approved yet.
func reportOwed(status, reportStatus string) bool {
	return status == "attended" && reportStatus != "submitted" && reportStatus != "approved"
}

// Overdue returns the days a report is overdue on today (0 when not).
func Overdue(status, reportStatus, dueOn, today string) int {
	if !reportOwed(status, reportStatus) || dueOn == "" {
		return 0
	}
	return max(daysBetween(dueOn, today), 0)
}
