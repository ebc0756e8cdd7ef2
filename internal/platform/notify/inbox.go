package notify

import (
	"context"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// The notification centre. Every query is narrowed to the caller's own user
// id from the request principal, so another user's rows read as not found;
// there is no way to name another user.

// InboxFilter lists the caller's notifications, newest first.
type InboxFilter struct {
	api.Page
	Unread bool `query:"unread" doc:"only unread notifications"`
}

// caller returns the signed-in user's id.
func caller(ctx context.Context) (int64, error) {
	p := auth.From(ctx)
	if p == nil || p.UserID == 0 {
		return 0, apperr.New(apperr.Unauthenticated, "sign in first")
	}
	return p.UserID, nil
}

// ListMine returns a page of the caller's notifications.
func (s *Service) ListMine(ctx context.Context, f InboxFilter) ([]Notification, int, error) {
	uid, err := caller(ctx)
	if err != nil {
		return nil, 0, err
	}
	var items []Notification
	q := s.db.R.NewSelect().Model(&items).Where("user_id = ?", uid)
	if f.Unread {
		q = q.Where("read_at IS NULL")
	}
	q, err = api.Order(q, f.Sort, map[string]string{"id": "id", "created_at": "created_at"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	return items, int(n), apperr.Wrap(err, "list notifications")
}

// UnreadCount is what the bell shows; the UI polls it.
func (s *Service) UnreadCount(ctx context.Context) (int, error) {
	uid, err := caller(ctx)
	if err != nil {
		return 0, err
	}
	n, err := s.db.R.NewSelect().Model((*Notification)(nil)).Where("user_id = ?", uid).Where("read_at IS NULL").Count(ctx)
	return int(n), apperr.Wrap(err, "count notifications")
}

// MarkRead marks one of the caller's notifications read; marking a read one
// again keeps its first read time. Errors: not_found (also for another
// user's notification).
func (s *Service) MarkRead(ctx context.Context, id int64) error {
	uid, err := caller(ctx)
	if err != nil {
		return err
	}
	res, err := s.db.W.NewUpdate().Model((*Notification)(nil)).Set("read_at = ?", s.now()).
		Where("id = ?", id).Where("user_id = ?", uid).Where("read_at IS NULL").Exec(ctx)
	if err != nil {
		return apperr.Wrap(err, "mark notification read")
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	exists, err := s.db.W.NewSelect().Model((*Notification)(nil)).Where("id = ?", id).Where("user_id = ?", uid).Exists(ctx)
	if err != nil {
		return apperr.Wrap(err, "mark notification read")
	}
	if !exists {
		return apperr.NotFoundf("notification", id)
	}
	return nil
}

// MarkAllRead marks every unread notification of the caller read and
// returns how many there were.
func (s *Service) MarkAllRead(ctx context.Context) (int, error) {
	uid, err := caller(ctx)
	if err != nil {
		return 0, err
	}
	res, err := s.db.W.NewUpdate().Model((*Notification)(nil)).Set("read_at = ?", s.now()).
		Where("user_id = ?", uid).Where("read_at IS NULL").Exec(ctx)
	if err != nil {
		return 0, apperr.Wrap(err, "mark notifications read")
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
