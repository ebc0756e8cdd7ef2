// Package clock lets services and tests agree on "now".
package clock

import (
	"sync"
	"time"
)

// Clock tells the time. Services take one so tests can inject theirs.
type Clock interface{ Now() time.Time }

// System is the wall clock.
type System struct{}

func (System) Now() time.Time { return time.Now() }

// Manual is a clock tests move by hand; safe for concurrent use.
type Manual struct {
	mu sync.Mutex
	t  time.Time
}

// NewManual starts a manual clock at t.
func NewManual(t time.Time) *Manual { return &Manual{t: t} }

func (m *Manual) Now() time.Time { m.mu.Lock(); defer m.mu.Unlock(); return m.t }

// Advance moves the clock forward by d.
func (m *Manual) Advance(d time.Duration) { m.mu.Lock(); m.t = m.t.Add(d); m.mu.Unlock() }
