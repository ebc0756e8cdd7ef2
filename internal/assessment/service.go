package assessment

import (
	"context"
	"time"

	"ecomops/internal/learning"
	"ecomops/internal/metrics"
	"ecomops/internal/org"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/notify"
	"ecomops/internal/system"
	"ecomops/internal/training"
)

// Service is the evaluation module.
type Service struct {
	db     *db.DB
	org    *org.Service
	system *system.Service
	clock  clock.Clock

	// The services of the modules evaluation builds on, wired by the
	// application. Each may be nil while a module is not wired: ids pointing
	// into it (competencies, courses, sessions) are then stored unchecked and
	// the features that need it answer invalid saying so.
	Training *training.Service // competencies, questionnaires, plan completion
	Learning *learning.Service // courses, sessions, attendance
	Metrics  *metrics.Service  // shop KPIs for the results level
	Notify   *notify.Service   // reminders and rating requests

	versions *versionCache
	attempts *refCache
	writer   *answerWriter
}

// New returns the service. org supplies people, departments, positions and
// shops; system the company time zone.
func New(d *db.DB, o *org.Service, sys *system.Service, c clock.Clock) *Service {
	if c == nil {
		c = clock.System{}
	}
	return &Service{db: d, org: o, system: sys, clock: c, versions: newVersionCache(20000), attempts: newRefCache(20000), writer: &answerWriter{db: d}}
}

func (s *Service) now() time.Time { return s.clock.Now().UTC() }

// location is the company time zone.
func (s *Service) location(ctx context.Context) *time.Location {
	if s.system == nil {
		return time.UTC
	}
	return s.system.Location(ctx)
}

// today is the current business date in the company time zone.
func (s *Service) today(ctx context.Context) string {
	return s.clock.Now().In(s.location(ctx)).Format(time.DateOnly)
}

// me returns the caller's employee id. Errors: invalid when the login has
// no employee record (exams, ratings and participation belong to employees).
func me(ctx context.Context) (int64, error) {
	p := auth.From(ctx)
	if p == nil || p.EmployeeID == 0 {
		return 0, apperr.Refuse(apperr.Invalid, apperr.Because("no_employee_record", nil), "your login is not linked to an employee record; exams belong to employees")
	}
	return p.EmployeeID, nil
}

// userID returns the caller's user id, nil in system contexts.
func userID(ctx context.Context) *int64 {
	if p := auth.From(ctx); p != nil && p.UserID != 0 {
		id := p.UserID
		return &id
	}
	return nil
}

// systemCtx returns ctx without a principal: for lookups that are not a
// matter of the caller's visibility (audience membership, a session's
// attendees for grading) — results are still filtered where they are shown.
func systemCtx(ctx context.Context) context.Context { return auth.With(ctx, nil) }

// needs reports a missing module link.
func needs(module string) error {
	return apperr.New(apperr.Invalid, "the %s module is not available in this installation", module)
}
