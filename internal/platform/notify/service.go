package notify

import (
	"context"
	"crypto/tls"
	"net/http"
	"sync"
	"time"

	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/jobs"
)

// Service is the notification centre, the channel settings and the outbox.
type Service struct {
	db    *db.DB
	clock clock.Clock

	// Directory returns the email address of a user, for Email messages
	// addressed by user id. The application wires it to the organisation
	// module (this package knows none). It is called at delivery time, so
	// the current address is used. Return "" when the user has none.
	Directory func(ctx context.Context, userID int64) (string, error)
	// PublicURL (e.g. "https://ecomops.example.com"), when set, turns a
	// message's in-app Link into an absolute URL in outbound messages.
	PublicURL string
	// Backoff is the retry schedule of failed deliveries.
	Backoff Backoff
	// MaxAttempts bounds delivery attempts of one outbox row (default 10).
	MaxAttempts int
	// Lease is how long a claimed row belongs to its worker; a row whose
	// worker died is claimed again after it. It must exceed the longest
	// delivery (HTTP 15 s, SMTP 30 s). Default 5 min.
	Lease time.Duration
	// RelayInterval is how often Run moves committed outbox rows into River
	// (default 1 s).
	RelayInterval time.Duration
	// SMTPTLS is the TLS configuration template for SMTP (tests set RootCAs;
	// ServerName is filled per channel). Nil uses the system roots.
	SMTPTLS *tls.Config

	guard  *Guard
	http   *http.Client
	limits *limiter
	runner *jobs.Runner

	allowMu   sync.Mutex
	allow     map[string]bool
	allowRead time.Time
}

// New returns the service on d. Attach a jobs.Runner before Run.
func New(d *db.DB, c clock.Clock) *Service {
	if c == nil {
		c = clock.System{}
	}
	s := &Service{db: d, clock: c, Backoff: DefaultBackoff, MaxAttempts: 10, Lease: 5 * time.Minute,
		RelayInterval: time.Second, limits: newLimiter()}
	s.guard = &Guard{Allowed: s.hostAllowed}
	s.http = s.guard.HTTPClient(15 * time.Second)
	return s
}

func (s *Service) now() time.Time { return s.clock.Now().UTC() }

// Guard returns the SSRF guard outbound requests use (other platform code
// that calls out to administrator-typed addresses should use it too).
func (s *Service) Guard() *Guard { return s.guard }
