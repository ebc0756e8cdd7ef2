package learning

import (
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Course is a catalogue entry (培训课程, B2.2).
type Course struct {
	bun.BaseModel    `bun:"table:learning_courses,alias:c"`
	ID               int64     `bun:"id,pk,autoincrement" json:"id"`
	Code             string    `bun:"code" json:"code"`
	Title            string    `bun:"title" json:"title"`
	Category         string    `bun:"category" json:"category" enum:"basics,professional,marketing,customer_service,management,other"`
	Summary          string    `bun:"summary" json:"summary"`
	Outline          string    `bun:"outline" json:"outline" doc:"the syllabus, one topic per line"`
	MethodsCSV       string    `bun:"methods" json:"-"`
	Methods          []string  `bun:"-" json:"methods" doc:"lecture, case_study, practice, discussion, online"`
	DurationMinutes  int       `bun:"duration_minutes" json:"duration_minutes"`
	HoursTenths      int64     `bun:"hours_tenths" json:"hours_tenths" doc:"学时 in tenths of an hour: 15 = 1.5 学时"`
	Audience         string    `bun:"audience" json:"audience" doc:"who the course is for, in words"`
	CompletionRule   string    `bun:"completion_rule" json:"completion_rule" enum:"all_materials,min_share,exam"`
	CompletionMinPct int       `bun:"completion_min_pct" json:"completion_min_pct" doc:"for min_share: the share of required materials to complete, 1-100"`
	Status           string    `bun:"status" json:"status" enum:"draft,published,archived"`
	PlanItemID       *int64    `bun:"plan_item_id" json:"plan_item_id"`
	Version          int       `bun:"version" json:"version"`
	CreatedAt        time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt        time.Time `bun:"updated_at" json:"updated_at"`

	MaterialCount int              `bun:"material_count,scanonly" json:"material_count"`
	LearnerCount  int              `bun:"learner_count,scanonly" json:"learner_count"`
	Lecturers     []CourseLecturer `bun:"-" json:"lecturers"`
	Materials     []Material       `bun:"-" json:"materials,omitempty"`
}

// CourseLecturer names a course's lecturer: an employee (internal expert)
// or an entry of the external lecturer registry; exactly one is set.
type CourseLecturer struct {
	bun.BaseModel `bun:"table:learning_course_lecturers"`
	ID            int64  `bun:"id,pk,autoincrement" json:"-"`
	CourseID      int64  `bun:"course_id" json:"-"`
	EmployeeID    *int64 `bun:"employee_id" json:"employee_id,omitempty"`
	LecturerID    *int64 `bun:"lecturer_id" json:"lecturer_id,omitempty"`
	Sort          int    `bun:"sort" json:"-"`
	Name          string `bun:"-" json:"name" readOnly:"true"`
}

// validate normalises and checks the writable fields.
func (c *Course) validate() error {
	var v apperr.Validation
	c.Code = required(&v, "body.code", c.Code)
	c.Title = required(&v, "body.title", c.Title)
	oneOf(&v, "body.category", c.Category, Categories)
	for i, m := range c.Methods {
		oneOf(&v, "body.methods", m, Methods)
		if i > 10 {
			break
		}
	}
	c.MethodsCSV = csv(c.Methods)
	if c.DurationMinutes < 0 {
		v.Reject("body.duration_minutes", apperr.AtLeast(0), "cannot be negative")
	}
	if c.HoursTenths < 0 || c.HoursTenths > 10000 {
		v.Reject("body.hours_tenths", apperr.Between(0, 10000), "must be between 0 and 10000 (1000 学时)")
	}
	if c.CompletionRule == "" {
		c.CompletionRule = "all_materials"
	}
	oneOf(&v, "body.completion_rule", c.CompletionRule, CompletionRules)
	switch {
	case c.CompletionRule != "min_share":
		c.CompletionMinPct = 100
	case c.CompletionMinPct < 1 || c.CompletionMinPct > 100:
		v.Reject("body.completion_min_pct", apperr.Between(1, 100), "must be between 1 and 100 for the min_share rule")
	}
	if c.Status == "" {
		c.Status = "draft"
	}
	oneOf(&v, "body.status", c.Status, CourseStatuses)
	for i, l := range c.Lecturers {
		if (l.EmployeeID == nil) == (l.LecturerID == nil) {
			v.Reject("body.lecturers", apperr.Because(apperr.CodeExclusive, apperr.P{"item": i + 1}), "lecturer %d: give either employee_id or lecturer_id", i+1)
		}
	}
	return v.Err()
}

// afterScan fills the derived fields of courses read from the database.
func (c *Course) afterScan() {
	c.Methods = splitCSV(c.MethodsCSV)
	if c.Lecturers == nil {
		c.Lecturers = []CourseLecturer{}
	}
}
