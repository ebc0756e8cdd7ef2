package iam

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
)

// Service is identity and access.
type Service struct {
	db    *db.DB
	clock clock.Clock
	// Catalog is every permission the application declares; roles may hold only these.
	Catalog []string
	// Timeouts returns the session idle and absolute timeouts (from settings).
	Timeouts func(ctx context.Context) (idle, absolute time.Duration)
}

// New returns the service with the wall clock and default timeouts.
func New(d *db.DB, c clock.Clock) *Service {
	if c == nil {
		c = clock.System{}
	}
	return &Service{db: d, clock: c, Timeouts: func(context.Context) (time.Duration, time.Duration) {
		return 2 * time.Hour, 12 * time.Hour
	}}
}

func (s *Service) now() time.Time { return s.clock.Now().UTC() }

// randomToken returns n random bytes, base64url without padding.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// digest is how secrets (session cookies, API tokens) are stored.
func digest(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
