package notify

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/jobs"
)

// The relay bridges the caller's transaction and River. Send cannot insert
// the River job itself: the caller's transaction runs on the application's
// connection (database/sql via bun), River's on its own pool (a pgx pool on
// PostgreSQL), so the job would not commit or roll back with the business
// change. Instead Send writes an outbox row in the caller's transaction and
// the relay, running with `serve`, inserts one River job per committed row:
//
//   - a row is visible to the relay only after the caller committed, so a
//     rolled-back change never sends anything;
//   - the job is unique per row (DeliverArgs.InsertOpts), so inserting it
//     twice (a crash between inserting and marking enqueued_at, or two
//     replicas relaying at once) leaves one job;
//   - rows left pending with a stale enqueued_at (their job was lost, e.g.
//     discarded by a crash at its last attempt) are enqueued again; the
//     delivery itself is guarded by the row's status and claim, never by
//     the job's existence.

// relayBatch bounds the rows moved per pass.
const relayBatch = 200

// requeueAfter is when a pending row whose job should have run is enqueued
// again; longer than the longest backoff so a scheduled retry is not doubled
// (River's uniqueness would refuse the duplicate anyway).
const requeueAfter = 2 * time.Hour

// Attach registers the delivery worker and queue on r and lets the relay
// insert jobs through it. Call it before r is started or used.
func (s *Service) Attach(r *jobs.Runner) {
	r.AddQueue(Queue, 4)
	jobs.Register(r, &deliverWorker{s: s})
	s.runner = r
}

// Run relays committed outbox rows into River until ctx ends. `serve` runs
// it beside the River client; several replicas may run it at once.
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(s.RelayInterval)
	defer t.Stop()
	for {
		if _, err := s.Relay(ctx); err != nil && ctx.Err() == nil {
			slog.WarnContext(ctx, "notify: relay pass failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Relay runs one pass and returns how many rows it handed to River.
func (s *Service) Relay(ctx context.Context) (int, error) {
	if s.runner == nil {
		return 0, apperr.New(apperr.Internal, "notify: no job runner attached")
	}
	now := s.now()
	var ids []int64
	err := s.db.R.NewSelect().Model((*OutboxRow)(nil)).Column("id").
		Where("status IN (?, ?)", StatusPending, StatusSending).
		Where("(enqueued_at IS NULL OR enqueued_at < ?)", now.Add(-requeueAfter)).
		OrderExpr("id").Limit(relayBatch).Scan(ctx, &ids)
	if err != nil {
		return 0, apperr.Wrap(err, "relay: find outbox rows")
	}
	if len(ids) == 0 {
		return 0, nil
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: DeliverArgs{OutboxID: id}, InsertOpts: &river.InsertOpts{MaxAttempts: s.MaxAttempts}}
	}
	// Jobs first, then the mark: a crash in between re-inserts next pass,
	// and River's uniqueness turns that into a no-op.
	if _, err := s.runner.InsertMany(ctx, params); err != nil {
		return 0, apperr.Wrap(err, "relay: enqueue outbox rows")
	}
	if _, err := s.db.W.NewUpdate().Model((*OutboxRow)(nil)).Set("enqueued_at = ?", now).
		Where("id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
		return 0, apperr.Wrap(err, "relay: mark outbox rows")
	}
	return len(ids), nil
}
