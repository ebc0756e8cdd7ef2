package learning

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/notify"
)

// Notice is one in-app message to employees about learning.
type Notice struct {
	Kind      string // e.g. learning.session_seat
	Title     string
	Body      string
	Link      string // UI path, e.g. /learning/my
	DedupeKey string // names the event; each recipient gets it at most once
}

// notifyTx records n for the employees inside tx, through the notification
// centre's outbox: it is delivered after the commit and never for a change
// that rolled back. Employees without a login are skipped. Without a wired
// notification service (some tests) it does nothing.
func (s *Service) notifyTx(ctx context.Context, tx bun.IDB, employees []int64, n Notice) error {
	if s.Notify == nil || len(employees) == 0 {
		return nil
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	var users []int64
	for _, id := range employees {
		if e, ok := dir.emps[id]; ok && e.UserID != nil {
			users = append(users, *e.UserID)
		}
	}
	if len(users) == 0 {
		return nil
	}
	_, err = s.Notify.Send(ctx, tx, notify.Message{Channel: notify.InApp, To: notify.Recipients{UserIDs: users},
		Kind: n.Kind, Title: n.Title, Body: n.Body, Link: n.Link, DedupeKey: n.DedupeKey})
	return err
}

// eventKey names a one-off event for the dedupe key: the transaction that
// makes the change sends its notice exactly once, so the key only has to
// tell this event from later ones about the same thing.
func (s *Service) eventKey(kind string, ids ...int64) string {
	k := kind
	for _, id := range ids {
		k += fmt.Sprintf(":%d", id)
	}
	return fmt.Sprintf("%s:%d", k, s.now().UnixNano())
}
