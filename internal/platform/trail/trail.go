// Package trail carries the operation-log entry of one request. The API
// middleware starts an entry for every write operation; services describe
// what they changed with Change; db.InTx writes the changes in the
// transaction that makes them; the middleware writes a row for requests that
// failed or changed nothing through InTx. The log is append-only: this
// package only inserts, and no route updates or deletes it.
package trail

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// Entry is the request-level part of an operation-log row.
type Entry struct {
	UserID    int64
	Username  string
	Action    string // operation id, e.g. "org.employee.update"
	Method    string
	Path      string
	IP        string
	UserAgent string
	Started   time.Time

	mu      sync.Mutex
	pending []change
	written int
}

type change struct {
	entity, id    string
	before, after any
}

type ctxKey struct{}

// With returns ctx carrying e.
func With(ctx context.Context, e *Entry) context.Context { return context.WithValue(ctx, ctxKey{}, e) }

// From returns the entry on ctx, or nil.
func From(ctx context.Context) *Entry { e, _ := ctx.Value(ctxKey{}).(*Entry); return e }

// Change notes that entity id went from before to after (nil before for a
// create, nil after for a delete). Values are stored as JSON; callers pass
// already-masked views where personal data is involved.
func Change(ctx context.Context, entity string, id any, before, after any) {
	e := From(ctx)
	if e == nil {
		return
	}
	e.mu.Lock()
	e.pending = append(e.pending, change{entity: entity, id: fmt.Sprint(id), before: before, after: after})
	e.mu.Unlock()
}

// Row is one operation_log row.
type Row struct {
	bun.BaseModel `bun:"table:operation_log"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	At            time.Time `bun:"at" json:"at"`
	UserID        int64     `bun:"user_id,nullzero" json:"user_id"`
	Username      string    `bun:"username" json:"username"`
	Action        string    `bun:"action" json:"action"`
	Entity        string    `bun:"entity" json:"entity"`
	EntityID      string    `bun:"entity_id" json:"entity_id"`
	Before        string    `bun:"before_json" json:"before"`
	After         string    `bun:"after_json" json:"after"`
	Method        string    `bun:"method" json:"method"`
	Path          string    `bun:"path" json:"path"`
	IP            string    `bun:"ip" json:"ip"`
	UserAgent     string    `bun:"user_agent" json:"user_agent"`
	Result        string    `bun:"result" json:"result"`
	Error         string    `bun:"error" json:"error"`
	DurationMS    int64     `bun:"duration_ms" json:"duration_ms"`
}

func (e *Entry) row(now time.Time, result, errText string) Row {
	return Row{At: now.UTC(), UserID: e.UserID, Username: e.Username, Action: e.Action, Method: e.Method,
		Path: e.Path, IP: e.IP, UserAgent: e.UserAgent, Result: result, Error: errText,
		DurationMS: now.Sub(e.Started).Milliseconds()}
}

func toJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", err.Error())
	}
	return string(b)
}

// Flush inserts the pending changes of ctx's entry with db (normally the
// transaction that made them) and marks them written.
func Flush(ctx context.Context, db bun.IDB) error {
	e := From(ctx)
	if e == nil {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.pending) == 0 {
		return nil
	}
	now := time.Now()
	rows := make([]Row, 0, len(e.pending))
	for _, c := range e.pending {
		r := e.row(now, "ok", "")
		r.Entity, r.EntityID, r.Before, r.After = c.entity, c.id, toJSON(c.before), toJSON(c.after)
		rows = append(rows, r)
	}
	if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
		return fmt.Errorf("write operation log: %w", err)
	}
	e.written += len(rows)
	e.pending = nil
	return nil
}

// Finish writes the closing row of a request: always when it failed
// (result is the error code), and on success only when no change row was
// written (e.g. logout). A crash before Finish loses only this closing row;
// change rows are already committed with their data.
func Finish(ctx context.Context, db bun.IDB, result, errText string) error {
	e := From(ctx)
	if e == nil {
		return nil
	}
	e.mu.Lock()
	written := e.written
	e.pending = nil // changes of a rolled-back transaction never happened
	e.mu.Unlock()
	if result == "ok" && written > 0 {
		return nil
	}
	r := e.row(time.Now(), result, errText)
	_, err := db.NewInsert().Model(&r).Exec(ctx)
	return err
}
