package training

import (
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// PlanItem is one training of the annual plan: goal, topic category,
// method, when (a target month or dates), for whom, by whom, budget and the
// needs it addresses. The learning module schedules and delivers it.
type PlanItem struct {
	bun.BaseModel      `bun:"table:training_plan_items,alias:pi"`
	ID                 int64     `bun:"id,pk,autoincrement" json:"id"`
	PlanID             int64     `bun:"plan_id" json:"plan_id"`
	Title              string    `bun:"title" json:"title"`
	Goal               string    `bun:"goal" json:"goal"`
	Category           string    `bun:"category" json:"category" enum:"basics,professional,marketing,customer_service,management,other"`
	Method             string    `bun:"method" json:"method" enum:"lecture,case_study,practice,discussion,online"`
	TargetMonth        int       `bun:"target_month" json:"target_month" doc:"1-12; 0 when dates are given"`
	StartDate          string    `bun:"start_date" json:"start_date" doc:"YYYY-MM-DD"`
	EndDate            string    `bun:"end_date" json:"end_date" doc:"YYYY-MM-DD"`
	LecturerEmployeeID *int64    `bun:"lecturer_employee_id" json:"lecturer_employee_id" doc:"internal lecturer (trainer)"`
	ExternalLecturerID *int64    `bun:"external_lecturer_id" json:"external_lecturer_id"`
	BudgetFen          int64     `bun:"budget_fen" json:"budget_fen"`
	Status             string    `bun:"status" json:"status" enum:"planned,scheduled,delivered,cancelled"`
	DeliveredDate      string    `bun:"delivered_date" json:"delivered_date" doc:"YYYY-MM-DD, set when delivered"`
	Sort               int       `bun:"sort" json:"sort"`
	Version            int       `bun:"version" json:"version"`
	CreatedAt          time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt          time.Time `bun:"updated_at" json:"updated_at"`

	Year         int      `bun:"-" json:"year"`
	DueDate      string   `bun:"-" json:"due_date" doc:"end date, else start date, else the last day of the target month"`
	Audience     Audience `bun:"-" json:"audience"`
	AudienceText string   `bun:"-" json:"audience_text"`
	LecturerName string   `bun:"-" json:"lecturer_name"`
	NeedIDs      []int64  `bun:"-" json:"need_ids"`
}

// QuestionnaireItem statuses.
const (
	ItemPlanned   = "planned"
	ItemScheduled = "scheduled"
	ItemDelivered = "delivered"
	ItemCancelled = "cancelled"
)

// QuestionnaireItem categories, methods and statuses.
var (
	ItemCategories = []string{"basics", "professional", "marketing", "customer_service", "management", "other"}
	ItemMethods    = []string{"lecture", "case_study", "practice", "discussion", "online"}
	ItemStatuses   = []string{ItemPlanned, ItemScheduled, ItemDelivered, ItemCancelled}
)

type itemNeed struct {
	bun.BaseModel `bun:"table:training_plan_item_needs,alias:l"`
	ItemID        int64 `bun:"item_id,pk"`
	NeedID        int64 `bun:"need_id,pk"`
}

// dueDate is when an item is due (see PlanItem.DueDate); "" without any date.
func dueDate(year int, it PlanItem) string {
	switch {
	case it.EndDate != "":
		return it.EndDate
	case it.StartDate != "":
		return it.StartDate
	case it.TargetMonth >= 1 && it.TargetMonth <= 12:
		return time.Date(year, time.Month(it.TargetMonth)+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return ""
}

// validatePlanItem checks an item's own fields against its plan's year.
func validatePlanItem(year int, it *PlanItem) error {
	var v apperr.Validation
	it.Title, it.Goal = strings.TrimSpace(it.Title), strings.TrimSpace(it.Goal)
	if it.Title == "" {
		v.Reject("body.title", apperr.Required(), "title is required")
	}
	oneOf(&v, "body.category", it.Category, ItemCategories)
	oneOf(&v, "body.method", it.Method, ItemMethods)
	if it.TargetMonth < 0 || it.TargetMonth > 12 {
		v.Reject("body.target_month", apperr.Between(1, 12), "target month is 1-12")
	}
	for _, d := range []struct{ loc, val string }{{"body.start_date", it.StartDate}, {"body.end_date", it.EndDate}} {
		if d.val == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.val)
		if err != nil {
			v.Reject(d.loc, apperr.Format("date"), "must be YYYY-MM-DD")
		} else if t.Year() != year {
			v.Reject(d.loc, apperr.Because("outside_year", apperr.P{"year": year}), "must lie in the plan's year %d", year)
		}
	}
	if it.StartDate != "" && it.EndDate != "" && it.EndDate < it.StartDate {
		v.Reject("body.end_date", apperr.BeforeStart(), "end date is before the start date")
	}
	if it.TargetMonth == 0 && it.StartDate == "" && it.EndDate == "" {
		v.Reject("body.target_month", apperr.Required(), "give a target month or dates")
	}
	if it.LecturerEmployeeID != nil && it.ExternalLecturerID != nil {
		v.Reject("body.external_lecturer_id", apperr.Exclusive(), "name an internal or an external lecturer, not both")
	}
	if it.BudgetFen < 0 {
		v.Reject("body.budget_fen", apperr.AtLeast(0), "budget cannot be negative")
	}
	return v.Err()
}

// itemTransitionAllowed says which status changes an executed plan's item
// may make: planned <-> scheduled, either -> delivered or cancelled,
// cancelled -> planned (reinstated), delivered -> scheduled (a delivery
// recorded by mistake).
func itemTransitionAllowed(from, to string) error {
	ok := map[string][]string{
		ItemPlanned:   {ItemScheduled, ItemDelivered, ItemCancelled},
		ItemScheduled: {ItemPlanned, ItemDelivered, ItemCancelled},
		ItemDelivered: {ItemScheduled},
		ItemCancelled: {ItemPlanned},
	}
	for _, s := range ok[from] {
		if s == to {
			return nil
		}
	}
	return apperr.Reject("body.status", apperr.Because("transition", apperr.P{"from": from, "to": to}), "a %s item cannot become %s", from, to)
}

// lecturerName names an item's lecturer for lists.
func lecturerName(dir *directory, lecturers map[int64]string, it PlanItem) string {
	if it.LecturerEmployeeID != nil {
		return dir.employeeName(*it.LecturerEmployeeID)
	}
	if it.ExternalLecturerID != nil {
		if n, ok := lecturers[*it.ExternalLecturerID]; ok {
			return n
		}
		return fmt.Sprintf("#%d", *it.ExternalLecturerID)
	}
	return ""
}
