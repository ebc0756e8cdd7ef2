package catalog

import (
	"time"

	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
)

// Service is the catalogue.
type Service struct {
	db    *db.DB
	clock clock.Clock
	// OnMatch, when set, runs inside the transaction of MatchListings.
	OnMatch MatchHook
}

// New returns the service.
func New(d *db.DB, c clock.Clock) *Service {
	if c == nil {
		c = clock.System{}
	}
	return &Service{db: d, clock: c}
}

func (s *Service) now() time.Time { return s.clock.Now().UTC() }
