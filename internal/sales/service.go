package sales

import (
	"context"
	"sync"
	"time"

	"ecomops/internal/catalog"
	"ecomops/internal/org"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
)

// Service is the sales module.
type Service struct {
	db      *db.DB
	org     *org.Service
	catalog *catalog.Service
	clock   clock.Clock
	loc     func(context.Context) *time.Location

	// OnChange, when set, is called inside each batch transaction of an
	// import (and of a listing match) with the orders inserted or updated.
	OnChange ChangeHook
	// BatchSize is the number of orders committed per transaction (default 5000).
	BatchSize int
	// UploadDir holds uploaded files until their import has run (default os.TempDir()).
	UploadDir string
	// MaxUploadBytes bounds one uploaded file (default 200 MiB).
	MaxUploadBytes int64

	jobs sync.WaitGroup
	mu   sync.Mutex
	stop map[int64]context.CancelFunc // running background imports
}

// DefaultMaxUploadBytes is the default size limit of one uploaded file.
const DefaultMaxUploadBytes = 200 << 20

// New returns the service. loc gives the company time zone, in which
// platform exports write their times.
func New(d *db.DB, o *org.Service, c *catalog.Service, clk clock.Clock, loc func(context.Context) *time.Location) *Service {
	if clk == nil {
		clk = clock.System{}
	}
	if loc == nil {
		loc = func(context.Context) *time.Location { return time.UTC }
	}
	return &Service{db: d, org: o, catalog: c, clock: clk, loc: loc, BatchSize: 5000, MaxUploadBytes: DefaultMaxUploadBytes,
		stop: map[int64]context.CancelFunc{}}
}

func (s *Service) now() time.Time { return s.clock.Now().UTC() }

// Wait blocks until the background imports have ended (tests, shutdown).
func (s *Service) Wait() { s.jobs.Wait() }

// Shutdown cancels the background imports and waits for them; their
// sessions end as interrupted with the committed batches kept.
func (s *Service) Shutdown() {
	s.mu.Lock()
	for _, c := range s.stop {
		c()
	}
	s.mu.Unlock()
	s.jobs.Wait()
}
