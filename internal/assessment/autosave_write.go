package assessment

import (
	"context"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// answerWrite is one autosave to write: the conditional update of one
// attempt item and, when it applies, its audit row.
type answerWrite struct {
	ctx       context.Context // the request's: its audit entry
	attemptID int64
	position  int
	seq       int64
	stored    string
	employee  int64
	now       time.Time

	applied bool
	done    chan error
}

// apply runs the write inside tx: the UPDATE matches only when the seq is
// newer and the attempt is the caller's, active and before its deadline.
// The request's context gives the audit entry but not its cancellation: a
// client that went away must not fail the other saves of a group.
func (w *answerWrite) apply(tx bun.IDB) error {
	ctx := context.WithoutCancel(w.ctx)
	res, err := tx.NewUpdate().Model((*AttemptItem)(nil)).
		Set("answer = ?", w.stored).Set("answer_seq = ?", w.seq).Set("answered_at = ?", w.now).
		Where("attempt_id = ? AND position = ? AND answer_seq < ?", w.attemptID, w.position, w.seq).
		Where(`EXISTS (SELECT 1 FROM assessment_attempts AS x WHERE x.id = ? AND x.employee_id = ? AND x.status = ?
			AND (x.deadline_at IS NULL OR x.deadline_at > ?))`, w.attemptID, w.employee, AttemptActive, w.now).
		Exec(ctx)
	if err != nil {
		return apperr.Wrap(err, "save answer")
	}
	if n, _ := res.RowsAffected(); n == 1 {
		w.applied = true
		trail.Change(ctx, "attempt_answer", w.attemptID, nil, map[string]any{"position": w.position, "seq": w.seq, "answer": w.stored})
		return trail.Flush(ctx, tx)
	}
	return nil
}

// answerWriter writes autosaves. On PostgreSQL each save is its own
// transaction (the server commits many in parallel and groups their WAL
// flushes itself). SQLite has one writer, and every commit waits for an
// fsync: there the saves that arrive while a commit is in progress are
// written together in the next transaction (group commit), so a slow fsync
// delays the waiting saves once instead of once each. A save is
// acknowledged only after the commit that holds it; if that transaction
// fails, every save in it gets the error and the pages retry.
type answerWriter struct {
	db   *db.DB
	once sync.Once
	ch   chan *answerWrite
}

// maxGroup bounds how many saves one SQLite transaction holds.
const maxGroup = 256

func (w *answerWriter) write(a *answerWrite) (bool, error) {
	if w.db.Kind != db.SQLite {
		err := w.db.InTx(a.ctx, func(ctx context.Context, tx bun.Tx) error { return a.apply(tx) })
		return a.applied && err == nil, err
	}
	w.once.Do(func() {
		w.ch = make(chan *answerWrite, maxGroup)
		go w.loop()
	})
	a.done = make(chan error, 1)
	select {
	case w.ch <- a:
	case <-a.ctx.Done():
		return false, apperr.Wrap(a.ctx.Err(), "save answer")
	}
	err := <-a.done // always answered once queued
	return a.applied && err == nil, err
}

// loop takes the first waiting save, every other one already queued (up to
// maxGroup), and commits them in one transaction.
func (w *answerWriter) loop() {
	for first := range w.ch {
		group := []*answerWrite{first}
	more:
		for len(group) < maxGroup {
			select {
			case a := <-w.ch:
				group = append(group, a)
			default:
				break more
			}
		}
		err := w.db.InTx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
			for _, a := range group {
				if err := a.apply(tx); err != nil {
					return err
				}
			}
			return nil
		})
		for _, a := range group {
			a.done <- err
		}
	}
}
