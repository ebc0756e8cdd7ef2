package training

import (
	"context"
	"time"

	"ecomops/internal/org"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/system"
)

// Service is the training needs and planning module.
type Service struct {
	db     *db.DB
	org    *org.Service
	system *system.Service
	clock  clock.Clock
}

// New returns the service. org supplies employees, departments and
// positions; system the company time zone.
func New(d *db.DB, o *org.Service, sys *system.Service, c clock.Clock) *Service {
	if c == nil {
		c = clock.System{}
	}
	return &Service{db: d, org: o, system: sys, clock: c}
}

func (s *Service) now() time.Time { return s.clock.Now().UTC() }

// today is the current business date (YYYY-MM-DD) in the company time zone.
func (s *Service) today(ctx context.Context) string {
	return s.clock.Now().In(s.system.Location(ctx)).Format(time.DateOnly)
}
