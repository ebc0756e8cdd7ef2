package learning

import (
	"net/url"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Session is one delivery of internal training (内部培训, B3.1): a time, a
// place or an online link, a lecturer and a capacity; from a plan item or
// ad hoc, optionally teaching a catalogue course.
type Session struct {
	bun.BaseModel      `bun:"table:learning_sessions,alias:s"`
	ID                 int64      `bun:"id,pk,autoincrement" json:"id"`
	CourseID           *int64     `bun:"course_id" json:"course_id"`
	PlanItemID         *int64     `bun:"plan_item_id" json:"plan_item_id"`
	Title              string     `bun:"title" json:"title"`
	Description        string     `bun:"description" json:"description"`
	StartsAt           time.Time  `bun:"starts_at" json:"starts_at"`
	EndsAt             time.Time  `bun:"ends_at" json:"ends_at"`
	Place              string     `bun:"place" json:"place"`
	OnlineURL          string     `bun:"online_url" json:"online_url"`
	LecturerEmployeeID *int64     `bun:"lecturer_employee_id" json:"lecturer_employee_id" doc:"an internal expert"`
	LecturerID         *int64     `bun:"lecturer_id" json:"lecturer_id" doc:"or an external lecturer from the registry"`
	Capacity           int        `bun:"capacity" json:"capacity" doc:"seats; 0 = unlimited"`
	Waitlist           bool       `bun:"waitlist" json:"waitlist" doc:"when full, further enrolments wait for a seat"`
	SelfEnrol          bool       `bun:"self_enrol" json:"self_enrol" doc:"learners may ask to join; a manager approves"`
	WalkIn             bool       `bun:"walk_in" json:"walk_in" doc:"people not enrolled may check in by QR while seats are free"`
	HoursTenths        int64      `bun:"hours_tenths" json:"hours_tenths" doc:"学时 credited for attending, in tenths"`
	Status             string     `bun:"status" json:"status" enum:"scheduled,completed,cancelled"`
	CheckinSecret      string     `bun:"checkin_secret" json:"-"`
	DeliveredAt        *time.Time `bun:"delivered_at" json:"delivered_at" doc:"when it was completed (and its plan item marked delivered)"`
	Version            int        `bun:"version" json:"version"`
	CreatedAt          time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt          time.Time  `bun:"updated_at" json:"updated_at"`

	CourseTitle  string `bun:"course_title,scanonly" json:"course_title"`
	Enrolled     int    `bun:"enrolled,scanonly" json:"enrolled"`
	Waitlisted   int    `bun:"waitlisted,scanonly" json:"waitlisted"`
	Pending      int    `bun:"pending,scanonly" json:"pending"`
	Present      int    `bun:"present,scanonly" json:"present"`
	LecturerName string `bun:"-" json:"lecturer_name"`
}

// Session statuses.
var SessionStatuses = []string{"scheduled", "completed", "cancelled"}

// validate checks the writable fields.
func (s *Session) validate() error {
	var v apperr.Validation
	s.Title = strings.TrimSpace(s.Title)
	if s.Title == "" && s.CourseID == nil {
		v.Reject("body.title", apperr.Required(), "is required for a session without a course")
	}
	if s.StartsAt.IsZero() {
		v.Reject("body.starts_at", apperr.Required(), "is required")
	}
	if !s.EndsAt.After(s.StartsAt) {
		v.Reject("body.ends_at", apperr.BeforeStart(), "must be after starts_at")
	} else if s.EndsAt.Sub(s.StartsAt) > 14*24*time.Hour {
		v.Reject("body.ends_at", apperr.Because("too_long_duration", apperr.P{"days": 14}), "a session lasts at most 14 days")
	}
	s.StartsAt, s.EndsAt = s.StartsAt.UTC(), s.EndsAt.UTC()
	if s.OnlineURL = strings.TrimSpace(s.OnlineURL); s.OnlineURL != "" {
		if u, err := url.Parse(s.OnlineURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.Reject("body.online_url", apperr.Format("url"), "must be an http(s) link")
		}
	}
	s.Place = strings.TrimSpace(s.Place)
	if s.Capacity < 0 {
		v.Reject("body.capacity", apperr.AtLeast(0), "cannot be negative (0 = unlimited)")
	}
	if s.HoursTenths < 0 || s.HoursTenths > 1000 {
		v.Reject("body.hours_tenths", apperr.Between(0, 1000), "must be between 0 and 1000")
	}
	if s.LecturerEmployeeID != nil && s.LecturerID != nil {
		v.Reject("body.lecturer_id", apperr.Exclusive(), "give either lecturer_employee_id or lecturer_id, not both")
	}
	return v.Err()
}

// Enrolment statuses:
//
//	pending     asked to join (self-enrolment), waiting for approval
//	enrolled    has a seat
//	waitlisted  waits for a seat; promoted in order when one frees up
//	rejected    the request was declined
//	cancelled   left the session (or was removed)
var EnrolmentStatuses = []string{"pending", "enrolled", "waitlisted", "rejected", "cancelled"}

// seatFor decides where a new participant goes: a seat while enrolled <
// capacity (capacity 0 is unlimited), else the waitlist when the session
// keeps one; ok is false when the session is full without a waitlist.
func seatFor(capacity, enrolled int, waitlist bool) (status string, ok bool) {
	switch {
	case capacity == 0 || enrolled < capacity:
		return "enrolled", true
	case waitlist:
		return "waitlisted", true
	}
	return "", false
}

// freeSeats is how many more can be enrolled (-1 = unlimited).
func freeSeats(capacity, enrolled int) int {
	if capacity == 0 {
		return -1
	}
	return max(capacity-enrolled, 0)
}

// checkinWindow is when a session accepts check-ins.
func checkinWindow(s Session, open time.Duration) (from, to time.Time) {
	return s.StartsAt.Add(-open), s.EndsAt.Add(open)
}
