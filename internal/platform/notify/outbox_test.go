package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
	"github.com/uptrace/bun"

	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/platform/jobs"
)

// riverJob returns the River job delivering outbox row id.
func (f *fixture) riverJob(r *jobs.Runner, outboxID int64) *rivertype.JobRow {
	f.t.Helper()
	var ids []int64
	if err := f.d.W.NewRaw("SELECT id FROM river_job WHERE kind = ? ORDER BY id", DeliverArgs{}.Kind()).Scan(context.Background(), &ids); err != nil {
		f.t.Fatal(err)
	}
	for _, id := range ids {
		j, err := r.Job(context.Background(), id)
		if err != nil {
			f.t.Fatal(err)
		}
		var a DeliverArgs
		if json.Unmarshal(j.EncodedArgs, &a) == nil && a.OutboxID == outboxID {
			return j
		}
	}
	f.t.Fatalf("no River job for outbox row %d", outboxID)
	return nil
}

// TestOutboxRetriesWithBackoff: the receiver fails twice (HTTP 502, then a
// "too fast" refusal) and accepts the third attempt; the waits between
// attempts follow the exponential backoff; the row ends sent with three
// attempts and River's job completed with two recorded errors.
func TestOutboxRetriesWithBackoff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		rc := newReceiver(t, DingTalk, "SECretry")
		rc.failFirst = 2
		f.channel(ChannelInput{Type: DingTalk, Name: "bot", WebhookURL: ptr(rc.url()), Secret: ptr("SECretry")})
		f.send(f.s, Message{Channel: DingTalk, Title: "session tomorrow", DedupeKey: "remind:1"})
		f.work(f.s, f.runner)
		waitFor(t, "delivery", func() bool { return f.rows()[0].Status == StatusSent })

		req, acc := rc.counts()
		if req != 3 || acc != 1 {
			t.Fatalf("receiver saw %d requests, accepted %d (%v)", req, acc, rc.refusals)
		}
		gap1, gap2 := rc.arrivals[1].Sub(rc.arrivals[0]), rc.arrivals[2].Sub(rc.arrivals[1])
		base := f.s.Backoff.Base
		if gap1 < base || gap2 < 2*base {
			t.Fatalf("retries came after %s and %s; backoff base %s", gap1, gap2, base)
		}
		row := f.rows()[0]
		if row.Attempts != 3 || row.LastError != "" || row.SentAt == nil {
			t.Fatalf("row %+v", row)
		}
		j := f.riverJob(f.runner, row.ID)
		waitFor(t, "job completed", func() bool { j = f.riverJob(f.runner, row.ID); return j.State == rivertype.JobStateCompleted })
		if j.Attempt != 3 || len(j.Errors) != 2 || j.MaxAttempts != f.s.MaxAttempts {
			t.Fatalf("job attempt %d, errors %d, max attempts %d", j.Attempt, len(j.Errors), j.MaxAttempts)
		}
	})
}

// TestGivesUpAfterMaxAttempts: a bot that always fails gets MaxAttempts
// tries, then the row is failed with the last error and the job is over.
func TestGivesUpAfterMaxAttempts(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	f.s.MaxAttempts = 3
	rc := newReceiver(t, WeCom, "")
	rc.failFirst = 1000
	f.channel(ChannelInput{Type: WeCom, Name: "bot", WebhookURL: ptr(rc.url())})
	f.send(f.s, Message{Channel: WeCom, Title: "x", DedupeKey: "x"})
	f.work(f.s, f.runner)
	waitFor(t, "row failed", func() bool { return f.rows()[0].Status == StatusFailed })
	row := f.rows()[0]
	waitFor(t, "job finalized", func() bool { return f.riverJob(f.runner, row.ID).FinalizedAt != nil })
	time.Sleep(3 * f.s.Backoff.Base)
	if req, _ := rc.counts(); req != 3 || row.Attempts != 3 || row.LastError == "" {
		t.Fatalf("requests %d, row %+v", req, row)
	}
}

// TestBackoffGrowsExponentially pins the schedule.
func TestBackoffGrowsExponentially(t *testing.T) {
	b := Backoff{Base: time.Second, Max: 10 * time.Second}
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 4: 8 * time.Second, 5: 10 * time.Second, 9: 10 * time.Second} {
		got := b.Delay(attempt)
		if got < want || got > want+want/10 {
			t.Errorf("attempt %d: %s, want %s..%s", attempt, got, want, want+want/10)
		}
	}
}

// TestDedupeKey: the same key sends nothing more — not in-app, not to the
// bots, not after delivery; a rolled-back transaction sends nothing; the
// relay and a repeated enqueue leave one River job per row.
func TestDedupeKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		a, b := newReceiver(t, WeCom, ""), newReceiver(t, WeCom, "")
		f.channel(ChannelInput{Type: WeCom, Name: "group a", WebhookURL: ptr(a.url())})
		f.channel(ChannelInput{Type: WeCom, Name: "group b", WebhookURL: ptr(b.url())})
		f.channel(ChannelInput{Type: WeCom, Name: "disabled", WebhookURL: ptr(a.url() + "&x=1"), Enabled: ptr(false)})
		u1, u2 := f.user("u1"), f.user("u2")
		m := Message{Channel: WeCom, To: Recipients{UserIDs: []int64{u1, u2, u1}}, Kind: "assessment.round", Title: "评估开始", DedupeKey: "round:3:open"}
		if got := f.send(f.s, m); got != (Sent{InApp: 2, Outbox: 2}) {
			t.Fatalf("first send %+v", got)
		}
		if got := f.send(f.s, m); got != (Sent{}) {
			t.Fatalf("repeated send %+v", got)
		}
		// the same key over another channel adds the outbound rows only
		if got := f.send(f.s, Message{Channel: InApp, To: Recipients{UserIDs: []int64{u1}}, Title: "x", DedupeKey: "round:3:open"}); got != (Sent{}) {
			t.Fatalf("in-app repeat %+v", got)
		}
		boom := errors.New("business rule failed")
		err := f.d.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if _, err := f.s.Send(ctx, tx, Message{Channel: WeCom, To: Recipients{UserIDs: []int64{u1}}, Title: "never", DedupeKey: "rolled-back"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if n := dbtest.Count(t, f.d.R, "notify_outbox"); n != 2 {
			t.Fatalf("%d outbox rows", n)
		}
		if n := dbtest.Count(t, f.d.R, "notifications"); n != 2 {
			t.Fatalf("%d notifications", n)
		}
		for range 2 {
			if _, err := f.s.Relay(ctx); err != nil {
				t.Fatal(err)
			}
		}
		row := f.rows()[0]
		if _, inserted, err := f.runner.Insert(ctx, DeliverArgs{OutboxID: row.ID}, nil); err != nil || inserted {
			t.Fatalf("second job for row %d: inserted %v, %v", row.ID, inserted, err)
		}
		if n := dbtest.Count(t, f.d.R, "river_job"); n != 2 {
			t.Fatalf("%d River jobs for 2 rows", n)
		}
		f.work(f.s, f.runner)
		waitFor(t, "both bots", func() bool { _, x := a.counts(); _, y := b.counts(); return x == 1 && y == 1 })
		if got := f.send(f.s, m); got != (Sent{}) {
			t.Fatalf("send after delivery %+v", got)
		}
		time.Sleep(200 * time.Millisecond)
		if x, _ := a.counts(); x != 1 {
			t.Fatalf("bot a got %d requests", x)
		}
	})
}

// TestNoDoubleSendAfterCrash simulates a process dying at each point of a
// delivery and a new process (fresh service and River client on the same
// database) taking over. "Crash" means: the dead process's remaining steps
// never run; what it committed stays.
func TestNoDoubleSendAfterCrash(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		lease := 600 * time.Millisecond
		scenario := func(name string, crash func(s *Service, row OutboxRow)) (rc *receiver, row OutboxRow, s2 *Service, r2 *jobs.Runner) {
			rc = newReceiver(t, Feishu, "fs-secret")
			id := f.channel(ChannelInput{Type: Feishu, Name: name, WebhookURL: ptr(rc.url() + "?" + name), Secret: ptr("fs-secret")})
			f.send(f.s, Message{Channel: Feishu, ChannelID: id, Title: name, DedupeKey: name})
			rows := f.rows()
			row = rows[len(rows)-1]
			f.s.Lease = lease
			crash(f.s, row)
			s2, r2 = f.restart()
			s2.Lease = lease
			f.work(s2, r2)
			waitFor(t, name+": row sent", func() bool { return f.row(row.ID).Status == StatusSent })
			waitFor(t, name+": job completed", func() bool {
				return f.riverJob(r2, row.ID).State == rivertype.JobStateCompleted
			})
			return rc, f.row(row.ID), s2, r2
		}

		t.Run("committed, died before the relay", func(t *testing.T) {
			rc, row, _, _ := scenario("before-relay", func(*Service, OutboxRow) {})
			if _, acc := rc.counts(); acc != 1 || row.Attempts != 1 {
				t.Fatalf("accepted %d, attempts %d", acc, row.Attempts)
			}
		})

		t.Run("success recorded, died before River marked the job done", func(t *testing.T) {
			rc, row, _, _ := scenario("after-record", func(s *Service, row OutboxRow) {
				if _, err := s.Relay(ctx); err != nil { // the job exists in River, state available
					t.Fatal(err)
				}
				if err := s.deliver(ctx, row.ID, false); err != nil { // the worker body: claim, send, record
					t.Fatal(err)
				}
				// died here: River never heard that the job finished; the new
				// process works the same job again
			})
			if req, acc := rc.counts(); req != 1 || acc != 1 || row.Attempts != 1 {
				t.Fatalf("receiver saw %d requests (%d accepted), row attempts %d", req, acc, row.Attempts)
			}
		})

		t.Run("claimed, died before calling the provider", func(t *testing.T) {
			rc, row, _, _ := scenario("after-claim", func(s *Service, row OutboxRow) {
				if c, _, err := s.claim(ctx, row); err != nil || c == nil {
					t.Fatalf("claim: %v", err)
				}
			})
			// the new process waited for the lease, claimed again, sent once
			if req, acc := rc.counts(); req != 1 || acc != 1 || row.Attempts != 2 {
				t.Fatalf("receiver saw %d requests (%d accepted), row attempts %d", req, acc, row.Attempts)
			}
		})

		t.Run("died during the provider call: the at-least-once window", func(t *testing.T) {
			rc, row, _, _ := scenario("in-flight", func(s *Service, row OutboxRow) {
				c, _, err := s.claim(ctx, row)
				if err != nil || c == nil {
					t.Fatalf("claim: %v", err)
				}
				ch, to, err := s.target(ctx, row)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.transmitTo(ctx, ch, to, c.row); err != nil {
					t.Fatal(err)
				}
				// died before recordSent: the provider has the message, the
				// database does not know. Nothing can tell the new process,
				// so after the lease it sends again. This is the documented
				// window (one HTTP call plus one UPDATE).
			})
			if _, acc := rc.counts(); acc != 2 || row.Attempts != 2 {
				t.Fatalf("accepted %d, attempts %d: the window should resend exactly once", acc, row.Attempts)
			}
		})
	})
}

// TestRateLimitSnoozes: a DingTalk bot gets 20 messages in a minute; the
// 21st waits (snoozed, not failed, no attempt spent).
func TestRateLimitSnoozes(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	rc := newReceiver(t, DingTalk, "")
	f.channel(ChannelInput{Type: DingTalk, Name: "bot", WebhookURL: ptr(rc.url())})
	for i := range 21 {
		f.send(f.s, Message{Channel: DingTalk, Title: fmt.Sprint("m", i), DedupeKey: fmt.Sprint("m", i)})
	}
	f.work(f.s, f.runner)
	waitFor(t, "20 messages", func() bool { _, acc := rc.counts(); return acc == 20 })
	var waiting OutboxRow
	waitFor(t, "the 21st snoozed", func() bool {
		for _, r := range f.rows() {
			if r.Status != StatusSent {
				waiting = r
				j := f.riverJob(f.runner, r.ID)
				return j.State == rivertype.JobStateScheduled && time.Until(j.ScheduledAt) > 30*time.Second
			}
		}
		return false
	})
	if req, _ := rc.counts(); req != 20 || waiting.Status != StatusPending || waiting.Attempts != 0 {
		t.Fatalf("requests %d, waiting row %+v", req, waiting)
	}
}

// TestSlidingLog: exact "N per window" semantics for several windows.
func TestSlidingLog(t *testing.T) {
	l := &slidingLog{windows: providerLimits[Feishu]} // 100/min and 5/s
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	now := t0
	sent := 0
	for now.Before(t0.Add(2 * time.Minute)) {
		if l.reserve(now) == 0 {
			sent++
		}
		now = now.Add(50 * time.Millisecond)
	}
	if sent != 200 {
		t.Fatalf("sent %d in two minutes, want 200 (100/min)", sent)
	}
	l = &slidingLog{windows: providerLimits[Feishu]}
	for i := range 5 {
		if w := l.reserve(t0); w != 0 {
			t.Fatalf("message %d waited %s", i, w)
		}
	}
	if w := l.reserve(t0.Add(200 * time.Millisecond)); w != 800*time.Millisecond {
		t.Fatalf("6th message within a second: wait %s, want 800ms", w)
	}
	dl := &slidingLog{windows: providerLimits[DingTalk]}
	for i := range 20 {
		dl.reserve(t0.Add(time.Duration(i) * time.Second))
	}
	if w := dl.reserve(t0.Add(59 * time.Second)); w != time.Second {
		t.Fatalf("21st DingTalk message at 59 s: wait %s, want 1s", w)
	}
}

// TestClaimIsExclusive: while a claim's lease runs nobody else can claim the
// row; after it expires (the holder died) one new claim wins; the dead
// holder's late record is ignored.
func TestClaimIsExclusive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		clk := clock.NewManual(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
		f.s.clock = clk
		f.channel(ChannelInput{Type: WeCom, Name: "bot", WebhookURL: ptr("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x")})
		f.send(f.s, Message{Channel: WeCom, Title: "x", DedupeKey: "x"})
		row := f.rows()[0]
		first, _, err := f.s.claim(ctx, row)
		if err != nil || first == nil {
			t.Fatalf("first claim: %v", err)
		}
		second, busy, err := f.s.claim(ctx, row)
		if err != nil || second != nil || !busy.Equal(clk.Now().Add(f.s.Lease)) {
			t.Fatalf("second claim during the lease: %v %v busy until %v", second, err, busy)
		}
		clk.Advance(f.s.Lease + time.Second)
		third, _, err := f.s.claim(ctx, row)
		if err != nil || third == nil {
			t.Fatalf("claim after the lease: %v", err)
		}
		if err := f.s.recordSent(ctx, first, "late"); err != nil {
			t.Fatal(err)
		}
		if r := f.row(row.ID); r.Status != StatusSending || r.Reply != "" {
			t.Fatalf("the expired claim recorded: %+v", r)
		}
		if err := f.s.recordSent(ctx, third, "ok"); err != nil {
			t.Fatal(err)
		}
		if r := f.row(row.ID); r.Status != StatusSent || r.Reply != "ok" || r.Attempts != 2 {
			t.Fatalf("row %+v", r)
		}
		if again, busy, _ := f.s.claim(ctx, row); again != nil || !busy.IsZero() {
			t.Fatal("a sent row was claimed")
		}
	})
}
