package learning

import (
	"context"
	"time"

	"ecomops/internal/org"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/blob"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/notify"
	"ecomops/internal/system"
	"ecomops/internal/training"
)

// Service is the learning module.
type Service struct {
	db       *db.DB
	org      *org.Service
	system   *system.Service
	training *training.Service
	files    blob.Store
	clock    clock.Clock

	// Plan links sessions, courses and external training to the annual plan.
	// New sets it to the training module's plan; nil (tests) stores plan
	// item ids unchecked and marks nothing delivered.
	Plan PlanLink
	// Notify is the notification centre: enrolment notices and report
	// reminders are recorded in its outbox inside learning's transactions.
	// Nil leaves them out (service tests).
	Notify *notify.Service
	// Limits are the upload limits per use.
	Limits UploadLimits
}

// UploadLimits bound uploads by use, in bytes.
type UploadLimits struct {
	Document, Video, Image, Attachment int64
}

// DefaultLimits: 50 MiB documents and slides, 500 MiB videos, 10 MiB images,
// 20 MiB attachments of posts and reports.
var DefaultLimits = UploadLimits{Document: 50 * blob.MiB, Video: 500 * blob.MiB, Image: 10 * blob.MiB, Attachment: 20 * blob.MiB}

// New returns the service. org supplies people and departments, system the
// company time zone, training the external lecturer registry and the annual
// plan, files the blob store for materials and attachments.
func New(d *db.DB, o *org.Service, sys *system.Service, t *training.Service, files blob.Store, c clock.Clock) *Service {
	if c == nil {
		c = clock.System{}
	}
	s := &Service{db: d, org: o, system: sys, training: t, files: files, clock: c, Limits: DefaultLimits}
	if t != nil {
		s.Plan = trainingPlan{t}
	}
	return s
}

func (s *Service) now() time.Time { return s.clock.Now().UTC() }

// today is the current business date in the company time zone.
func (s *Service) today(ctx context.Context) string {
	return s.clock.Now().In(s.system.Location(ctx)).Format(time.DateOnly)
}

// me returns the caller's employee id. Errors: invalid when the login has
// no employee record (e.g. the built-in admin), since learning records
// belong to employees.
func me(ctx context.Context) (int64, error) {
	p := auth.From(ctx)
	if p == nil || p.EmployeeID == 0 {
		return 0, apperr.Refuse(apperr.Invalid, apperr.Because("no_employee_record", nil), "your login is not linked to an employee record; learning records belong to employees")
	}
	return p.EmployeeID, nil
}

// userID returns the caller's user id (0 for system contexts: CLI, jobs, demo).
func userID(ctx context.Context) int64 {
	if p := auth.From(ctx); p != nil {
		return p.UserID
	}
	return 0
}

// PlanItem is what learning needs to know of an annual-plan item.
type PlanItem struct {
	ID        int64  `json:"id"`
	Year      int    `json:"year"`
	Title     string `json:"title"`
	Category  string `json:"category"`
	BudgetFen int64  `json:"budget_fen"`
	Status    string `json:"status"`
}

// PlanLink is the annual training plan as learning uses it. PlanItem
// answers not_found for an unknown id; MarkScheduled moves a planned item
// to scheduled (a session was set up for it); MarkDelivered records that an
// item was delivered on a business date. Both marks are idempotent.
type PlanLink interface {
	PlanItem(ctx context.Context, id int64) (PlanItem, error)
	PlanItems(ctx context.Context, year int) ([]PlanItem, error)
	MarkScheduled(ctx context.Context, id int64) error
	MarkDelivered(ctx context.Context, id int64, on string) error
}

// sessionOver refuses a change to a session that is no longer scheduled:
// reason session_cancelled or session_completed (by its status), with the
// English message for API users.
func sessionOver(x Session, format string, args ...any) error {
	params := apperr.P{"id": x.ID, "title": x.Title}
	if x.Status == "cancelled" {
		return apperr.Refuse(apperr.Invalid, apperr.Because("session_cancelled", params), format, args...)
	}
	return apperr.Refuse(apperr.Invalid, apperr.Because("session_completed", params), format, args...)
}
