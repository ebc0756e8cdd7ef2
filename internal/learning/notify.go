package learning

import (
	"context"
	"log/slog"
)

// notifyAll sends n to each employee after a committed change. Delivery is
// best effort here: a failure is logged and never undoes the change (the
// notification centre's outbox owns retries once it is wired).
func (s *Service) notifyAll(ctx context.Context, employees []int64, n Notice) {
	if s.Notify == nil {
		return
	}
	for _, id := range employees {
		n.EmployeeID = id
		if err := s.Notify.Notify(ctx, n); err != nil {
			slog.WarnContext(ctx, "learning notice not sent", "kind", n.Kind, "employee", id, "err", err)
		}
	}
}
