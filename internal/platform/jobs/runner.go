// Package jobs runs background work on River: riversqlite on a
// single-connection pool of its own for SQLite, riverpgxv5 on a pgx pool for
// PostgreSQL (leader election and job locking across replicas come with it).
// It knows no business module: a module registers its workers and queues,
// the application starts the runner with `serve` and stops it on shutdown.
//
// A runner that is never started still inserts jobs, so CLI commands that
// only enqueue need no running worker: the next `serve` works them.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"

	"ecomops/internal/platform/db"
)

// DefaultQueue is River's default queue; every runner works it.
const DefaultQueue = river.QueueDefault

// Config tunes the runner. Zero values give River's production defaults
// except where noted.
type Config struct {
	// FetchPollInterval is how often idle workers look for new jobs; SQLite
	// has no LISTEN/NOTIFY, so this is the pick-up latency there. Default 1 s.
	FetchPollInterval time.Duration
	// JobTimeout cancels a job's context after this long. Default 2 min.
	JobTimeout time.Duration
	// RescueStuckJobsAfter retries a job still "running" after this long
	// (its process died). Default 10 min; must exceed JobTimeout.
	RescueStuckJobsAfter time.Duration
	Logger               *slog.Logger
}

// client is the part of *river.Client[TTx] the runner uses; it does not
// depend on the driver's transaction type, so one runner serves both engines.
type client interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
	JobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
}

// Runner owns River's connection pool and client.
type Runner struct {
	kind    db.Kind
	cfg     Config
	workers *river.Workers
	queues  map[string]river.QueueConfig

	liteDB *sql.DB
	pgPool *pgxpool.Pool

	once    sync.Once
	client  client
	initErr error
	started bool
}

// Open connects River to d's database (River's tables must exist: see
// Migrate). Register workers and queues before the first Insert or Start.
func Open(ctx context.Context, d *db.DB, cfg Config) (*Runner, error) {
	if cfg.FetchPollInterval == 0 {
		cfg.FetchPollInterval = time.Second
	}
	if cfg.JobTimeout == 0 {
		cfg.JobTimeout = 2 * time.Minute
	}
	if cfg.RescueStuckJobsAfter == 0 {
		cfg.RescueStuckJobsAfter = 10 * time.Minute
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	r := &Runner{kind: d.Kind, cfg: cfg, workers: river.NewWorkers(),
		queues: map[string]river.QueueConfig{DefaultQueue: {MaxWorkers: 4}}}
	switch d.Kind {
	case db.SQLite:
		p, err := d.OpenSQLiteSidePool()
		if err != nil {
			return nil, err
		}
		r.liteDB = p
	case db.Postgres:
		pc, err := pgxpool.ParseConfig(d.DSN)
		if err != nil {
			return nil, fmt.Errorf("river pool: %w", err)
		}
		pc.MaxConns = 8
		p, err := pgxpool.NewWithConfig(ctx, pc)
		if err != nil {
			return nil, fmt.Errorf("river pool: %w", err)
		}
		r.pgPool = p
	default:
		return nil, fmt.Errorf("jobs: unknown database kind %q", d.Kind)
	}
	return r, nil
}

// AddQueue makes the runner work queue with up to maxWorkers jobs at once.
func (r *Runner) AddQueue(queue string, maxWorkers int) {
	r.mustNotBeBuilt("AddQueue")
	r.queues[queue] = river.QueueConfig{MaxWorkers: maxWorkers}
}

// Register adds the worker for job kind T.
func Register[T river.JobArgs](r *Runner, w river.Worker[T]) {
	r.mustNotBeBuilt("Register")
	river.AddWorker(r.workers, w)
}

func (r *Runner) mustNotBeBuilt(what string) {
	if r.client != nil || r.initErr != nil {
		panic("jobs: " + what + " after the River client was built")
	}
}

// build creates the River client once, after every worker is registered.
func (r *Runner) build() error {
	r.once.Do(func() {
		c := &river.Config{
			FetchPollInterval:    r.cfg.FetchPollInterval,
			FetchCooldown:        min(100*time.Millisecond, r.cfg.FetchPollInterval),
			JobTimeout:           r.cfg.JobTimeout,
			RescueStuckJobsAfter: r.cfg.RescueStuckJobsAfter,
			Logger:               r.cfg.Logger,
			Queues:               r.queues,
			Workers:              r.workers,
		}
		switch r.kind {
		case db.SQLite:
			var cl *river.Client[*sql.Tx]
			cl, r.initErr = river.NewClient(riversqlite.New(r.liteDB), c)
			r.client = cl
		case db.Postgres:
			var cl *river.Client[pgx.Tx]
			cl, r.initErr = river.NewClient(riverpgxv5.New(r.pgPool), c)
			r.client = cl
		}
		if r.initErr != nil {
			r.client = nil
			r.initErr = fmt.Errorf("river client: %w", r.initErr)
		}
	})
	return r.initErr
}

// Insert enqueues a job. inserted is false when a unique job with the same
// key already exists (River's UniqueOpts), which callers treat as success.
func (r *Runner) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (id int64, inserted bool, err error) {
	if err := r.build(); err != nil {
		return 0, false, err
	}
	res, err := r.client.Insert(ctx, args, opts)
	if err != nil {
		return 0, false, err
	}
	return res.Job.ID, !res.UniqueSkippedAsDuplicate, nil
}

// InsertMany enqueues several jobs in one River transaction and returns how
// many were new (unique duplicates are skipped, not errors).
func (r *Runner) InsertMany(ctx context.Context, params []river.InsertManyParams) (int, error) {
	if len(params) == 0 {
		return 0, nil
	}
	if err := r.build(); err != nil {
		return 0, err
	}
	res, err := r.client.InsertMany(ctx, params)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, x := range res {
		if !x.UniqueSkippedAsDuplicate {
			n++
		}
	}
	return n, nil
}

// Job returns a job row by id (tests and diagnostics).
func (r *Runner) Job(ctx context.Context, id int64) (*rivertype.JobRow, error) {
	if err := r.build(); err != nil {
		return nil, err
	}
	return r.client.JobGet(ctx, id)
}

// Start begins working the registered queues until Stop or ctx ends.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.build(); err != nil {
		return err
	}
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("start jobs: %w", err)
	}
	r.started = true
	return nil
}

// Stop lets running jobs finish (until ctx ends, then cancels them) and
// stops fetching. A runner that was never started stops at once.
func (r *Runner) Stop(ctx context.Context) error {
	if !r.started {
		return nil
	}
	r.started = false
	err := r.client.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// Close releases River's connections; call Stop first.
func (r *Runner) Close() error {
	if r.liteDB != nil {
		return r.liteDB.Close()
	}
	if r.pgPool != nil {
		r.pgPool.Close()
	}
	return nil
}
