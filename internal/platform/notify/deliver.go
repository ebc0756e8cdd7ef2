package notify

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"time"

	"github.com/riverqueue/river"

	"ecomops/internal/platform/apperr"
)

// Delivery of one outbox row, as a River job. The steps and what a crash
// between them does:
//
//  1. load the row; sent or failed -> done (a retried or duplicate job
//     never sends again once the success is recorded).
//  2. rate limit: no slot -> snooze (does not count as an attempt).
//  3. claim: status pending (or sending with an expired lease) -> sending,
//     with a fresh claim token and lease. Only one worker wins the UPDATE.
//     A crash here leaves "sending" until the lease expires; then the row
//     is claimed again and sent (the first claim sent nothing).
//  4. transmit to the provider.
//  5. record: sent_at and the provider's reply, guarded by the claim token,
//     committed before the job reports success to River. A crash between
//     4 and 5 is the one window where the provider got the message and we
//     do not know it: after the lease the row is claimed and sent again.
//     That window is the HTTP request or SMTP DATA exchange plus one UPDATE;
//     no protocol these providers offer can close it (they take no
//     idempotency key), so delivery is at-least-once across a crash inside
//     it and exactly-once otherwise. Email carries a Message-ID derived from
//     the row, so a duplicate mail is recognisable.
//  6. failure: status back to pending (or failed on the last attempt or a
//     permanent error) with the error text, and River retries with Backoff.

// Queue is the River queue deliveries run on.
const Queue = "notify"

// DeliverArgs is the River job that delivers one outbox row. Unique by
// arguments: the relay may insert it more than once (a crash between
// inserting and marking the row enqueued), River keeps one.
type DeliverArgs struct {
	OutboxID int64 `json:"outbox_id"`
}

// Kind names the job in river_job.
func (DeliverArgs) Kind() string { return "notify_deliver" }

// InsertOpts puts deliveries on their queue, unique per row.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Backoff is an exponential retry schedule: Base, 2xBase, 4xBase, ... up to
// Max, plus up to 10% jitter so failed messages do not retry in lockstep.
type Backoff struct {
	Base time.Duration
	Max  time.Duration
}

// DefaultBackoff retries after about 30 s, 1, 2, 4, 8, 16, 32 min, then hourly.
var DefaultBackoff = Backoff{Base: 30 * time.Second, Max: time.Hour}

// Delay is the wait after failed attempt number attempt (1-based).
func (b Backoff) Delay(attempt int) time.Duration {
	d := b.Base
	for i := 1; i < attempt && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	return d + time.Duration(mrand.Int64N(int64(d)/10+1))
}

type deliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	s *Service
}

// NextRetry schedules the next attempt with the service's Backoff (River
// measures it against its own clock, so this uses the wall clock).
func (w *deliverWorker) NextRetry(j *river.Job[DeliverArgs]) time.Time {
	return time.Now().Add(w.s.Backoff.Delay(j.Attempt))
}

func (w *deliverWorker) Work(ctx context.Context, j *river.Job[DeliverArgs]) error {
	return w.s.deliver(ctx, j.Args.OutboxID, j.Attempt >= j.MaxAttempts)
}

// permanentError marks a failure that retrying cannot fix (no address, a
// refused destination, a deleted channel): the row fails at once.
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

func permanent(err error) error { return permanentError{err} }

func isPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// errText is the error as stored in last_error and shown to administrators.
func errText(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Message
	}
	return clip(err.Error(), 1000)
}

// claim is a won claim on an outbox row.
type claim struct {
	row   OutboxRow
	token string
}

// deliver runs steps 1-6 for row id; last says this is River's final attempt.
// The returned error is what River sees: nil (done), a snooze, a cancel
// (permanent failure) or an error (retry with backoff).
func (s *Service) deliver(ctx context.Context, id int64, last bool) error {
	row, err := s.outboxRow(ctx, id)
	if apperr.Is(err, apperr.NotFound) {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	if row.Status == StatusSent || row.Status == StatusFailed {
		return nil
	}
	ch, to, err := s.target(ctx, row)
	if err != nil {
		return s.fail(ctx, row, "", err, last || isPermanent(err))
	}
	if wait := s.limits.reserve(ch.ID, ch.Type, s.now()); wait > 0 {
		return river.JobSnooze(wait)
	}
	c, busyUntil, err := s.claim(ctx, row)
	if err != nil {
		return err
	}
	if c == nil {
		if busyUntil.IsZero() {
			return nil // sent or failed meanwhile
		}
		return river.JobSnooze(max(busyUntil.Sub(s.now()), time.Second))
	}
	reply, err := s.transmitTo(ctx, ch, to, c.row)
	if err != nil {
		return s.fail(ctx, c.row, c.token, err, last || isPermanent(err))
	}
	return s.recordSent(ctx, c, reply)
}

func (s *Service) outboxRow(ctx context.Context, id int64) (OutboxRow, error) {
	var r OutboxRow
	err := s.db.W.NewSelect().Model(&r).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return r, apperr.NotFoundf("outbox row", id)
	}
	return r, apperr.Wrap(err, "load outbox row %d", id)
}

// claim takes row for this worker. It returns nil and the current lease end
// when another worker holds it, nil and a zero time when the row is no
// longer pending.
func (s *Service) claim(ctx context.Context, row OutboxRow) (*claim, time.Time, error) {
	b := make([]byte, 12)
	rand.Read(b)
	token := hex.EncodeToString(b)
	now := s.now()
	lease := now.Add(s.Lease)
	res, err := s.db.W.NewUpdate().Model((*OutboxRow)(nil)).
		Set("status = ?", StatusSending).Set("claim_token = ?", token).Set("lease_until = ?", lease).
		Set("attempts = attempts + 1").Set("updated_at = ?", now).
		Where("id = ?", row.ID).
		Where("(status = ? OR (status = ? AND lease_until < ?))", StatusPending, StatusSending, now).
		Exec(ctx)
	if err != nil {
		return nil, time.Time{}, apperr.Wrap(err, "claim outbox row %d", row.ID)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		row.Status, row.ClaimToken, row.LeaseUntil, row.Attempts = StatusSending, token, &lease, row.Attempts+1
		return &claim{row: row, token: token}, time.Time{}, nil
	}
	cur, err := s.outboxRow(ctx, row.ID)
	if err != nil {
		return nil, time.Time{}, err
	}
	if cur.Status == StatusSending && cur.LeaseUntil != nil {
		return nil, *cur.LeaseUntil, nil
	}
	return nil, time.Time{}, nil
}

// recordSent writes the provider's acceptance. It is the commit point of a
// delivery: once it is written no job sends the row again.
func (s *Service) recordSent(ctx context.Context, c *claim, reply string) error {
	now := s.now()
	res, err := s.db.W.NewUpdate().Model((*OutboxRow)(nil)).
		Set("status = ?", StatusSent).Set("sent_at = ?", now).Set("reply = ?", reply).
		Set("last_error = ''").Set("lease_until = NULL").Set("updated_at = ?", now).
		Where("id = ?", c.row.ID).Where("claim_token = ?", c.token).Where("status = ?", StatusSending).
		Exec(ctx)
	if err != nil {
		// The provider has the message; River retries this job, which waits
		// for the lease and sends again: the at-least-once window.
		return apperr.Wrap(err, "record delivery of outbox row %d", c.row.ID)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		slog.WarnContext(ctx, "notify: a delivery outlived its lease; the row may have been sent twice",
			"outbox_id", c.row.ID, "lease", s.Lease)
	}
	return nil
}

// fail records a failed attempt. final (the last attempt or a permanent
// error) gives the row up; otherwise it goes back to pending for River's
// retry. token is empty when the row was never claimed.
func (s *Service) fail(ctx context.Context, row OutboxRow, token string, cause error, final bool) error {
	status := StatusPending
	if final {
		status = StatusFailed
	}
	q := s.db.W.NewUpdate().Model((*OutboxRow)(nil)).
		Set("status = ?", status).Set("last_error = ?", errText(cause)).Set("lease_until = NULL").Set("updated_at = ?", s.now()).
		Where("id = ?", row.ID)
	if token != "" {
		q = q.Where("claim_token = ?", token).Where("status = ?", StatusSending)
	} else {
		q = q.Where("status = ?", StatusPending)
	}
	if _, err := q.Exec(ctx); err != nil {
		return apperr.Wrap(err, "record failure of outbox row %d", row.ID)
	}
	slog.WarnContext(ctx, "notify: delivery failed", "outbox_id", row.ID, "channel", row.Channel,
		"attempt", row.Attempts, "final", final, "err", errText(cause))
	if final {
		return river.JobCancel(cause)
	}
	return cause
}

// target resolves where row goes: the channel settings and, for email, the
// address. Its errors are permanent.
func (s *Service) target(ctx context.Context, row OutboxRow) (ChannelConfig, string, error) {
	var ch ChannelConfig
	var err error
	switch {
	case row.ChannelID != nil:
		ch, err = s.channel(ctx, s.db.W, *row.ChannelID)
		if err != nil {
			return ch, "", permanent(fmt.Errorf("channel %d not found", *row.ChannelID))
		}
	case row.Channel == Email:
		err = s.db.W.NewSelect().Model(&ch).Where("type = ?", Email).Where("enabled = ?", true).OrderExpr("id").Limit(1).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return ch, "", permanent(errors.New("no enabled email channel is configured"))
		}
		if err != nil {
			return ch, "", err
		}
	default:
		return ch, "", permanent(errors.New("no channel"))
	}
	if ch.Type != row.Channel {
		return ch, "", permanent(fmt.Errorf("channel %d is %s, not %s", ch.ID, ch.Type, row.Channel))
	}
	if !ch.Enabled {
		return ch, "", permanent(fmt.Errorf("channel %q is disabled", ch.Name))
	}
	if row.Channel != Email {
		return ch, "", nil
	}
	to := row.Address
	if to == "" && row.UserID != nil {
		if s.Directory == nil {
			return ch, "", permanent(errors.New("no directory to look up user email addresses"))
		}
		to, err = s.Directory(ctx, *row.UserID)
		if err != nil && !apperr.Is(err, apperr.NotFound) {
			return ch, "", err
		}
		if to == "" {
			return ch, "", permanent(fmt.Errorf("user %d has no email address", *row.UserID))
		}
	}
	return ch, to, nil
}

// transmit sends r through channel c (the test action uses it directly).
func (s *Service) transmit(ctx context.Context, c ChannelConfig, r OutboxRow) (string, error) {
	return s.transmitTo(ctx, c, r.Address, r)
}

func (s *Service) transmitTo(ctx context.Context, c ChannelConfig, to string, r OutboxRow) (string, error) {
	if c.Type == Email {
		return s.sendMail(ctx, c, to, r)
	}
	return s.postWebhook(ctx, c, r)
}
