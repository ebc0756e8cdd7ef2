package notify

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/jobs"
)

// fixture is a service on a test database with River migrated and a runner
// attached (not started: tests start it when the scenario needs workers).
type fixture struct {
	t      *testing.T
	d      *db.DB
	s      *Service
	runner *jobs.Runner
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	if err := jobs.Migrate(ctx, d); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, d: d}
	f.s, f.runner = f.restart()
	// the receivers and SMTP servers of the tests listen on 127.0.0.1
	if _, err := f.s.SetAllowedHosts(ctx, []string{"127.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	return f
}

// restart builds a fresh service and runner on the same database, as a new
// process would after a crash.
func (f *fixture) restart() (*Service, *jobs.Runner) {
	f.t.Helper()
	s := New(f.d, nil)
	s.Backoff = Backoff{Base: 150 * time.Millisecond, Max: 2 * time.Second}
	s.RelayInterval = 30 * time.Millisecond
	r, err := jobs.Open(context.Background(), f.d, jobs.Config{FetchPollInterval: 25 * time.Millisecond})
	if err != nil {
		f.t.Fatal(err)
	}
	s.Attach(r)
	f.t.Cleanup(func() {
		r.Stop(context.Background())
		r.Close()
	})
	return s, r
}

// work starts the runner and the relay until the test ends.
func (f *fixture) work(s *Service, r *jobs.Runner) {
	f.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if err := r.Start(ctx); err != nil {
		f.t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	f.t.Cleanup(func() {
		cancel()
		<-done
		r.Stop(context.Background())
	})
}

// user inserts a login row and returns its id (notifications reference users).
func (f *fixture) user(name string) int64 {
	f.t.Helper()
	now := time.Now().UTC()
	var id int64
	err := f.d.W.NewRaw(`INSERT INTO users (username, name, password_hash, password_changed_at, created_at, updated_at)
		VALUES (?, ?, 'x', ?, ?, ?) RETURNING id`, name, name, now, now, now).Scan(context.Background(), &id)
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

// as returns a context signed in as user id.
func as(id int64) context.Context {
	return auth.With(context.Background(), &auth.Principal{UserID: id, Username: fmt.Sprint("u", id), Scope: auth.ScopeSelf})
}

// send commits m in a transaction of its own.
func (f *fixture) send(s *Service, m Message) Sent {
	f.t.Helper()
	var out Sent
	err := f.d.InTx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.Send(ctx, tx, m)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// channel creates a channel and returns its id.
func (f *fixture) channel(in ChannelInput) int64 {
	f.t.Helper()
	c, err := f.s.CreateChannel(context.Background(), in)
	if err != nil {
		f.t.Fatal(err)
	}
	return c.ID
}

// row reads an outbox row.
func (f *fixture) row(id int64) OutboxRow {
	f.t.Helper()
	r, err := f.s.outboxRow(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// rows returns every outbox row, oldest first.
func (f *fixture) rows() []OutboxRow {
	f.t.Helper()
	var rs []OutboxRow
	if err := f.d.R.NewSelect().Model(&rs).OrderExpr("id").Scan(context.Background()); err != nil {
		f.t.Fatal(err)
	}
	return rs
}

// waitFor polls cond for up to 15 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func ptr[T any](v T) *T { return &v }
