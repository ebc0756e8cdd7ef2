package iam

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/trail"
)

// OnlineSession is a live session as the online-users page shows it. Key is
// a short, non-secret handle derived from the stored digest.
type OnlineSession struct {
	Key        string    `json:"key"`
	UserID     int64     `json:"user_id"`
	Username   string    `json:"username"`
	Name       string    `json:"name"`
	IP         string    `json:"ip"`
	UserAgent  string    `json:"user_agent"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	Current    bool      `json:"current"`
}

// OnlineFilter filters the online list.
type OnlineFilter struct {
	api.Page
	Q string `query:"q" doc:"matches username, name or IP"`
}

// sessionKeyLen: the handle is the first characters of the SHA-256 digest,
// which reveals nothing about the cookie.
const sessionKeyLen = 16

// Online lists sessions that are still valid (idle and absolute timeouts).
func (s *Service) Online(ctx context.Context, f OnlineFilter, currentSession string) ([]OnlineSession, int, error) {
	idle, _ := s.Timeouts(ctx)
	now := s.now()
	var rows []struct {
		Session
		Username string `bun:"username"`
		Name     string `bun:"name"`
	}
	q := s.db.R.NewSelect().TableExpr("sessions AS s").ColumnExpr("s.*, u.username, u.name").
		Join("JOIN users AS u ON u.id = s.user_id").
		Where("s.expires_at > ?", now).Where("s.last_seen_at > ?", now.Add(-idle))
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(u.username) LIKE ? OR lower(u.name) LIKE ? OR s.ip LIKE ?)", like, like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"last_seen_at": "s.last_seen_at", "created_at": "s.created_at", "username": "u.username"}, "-last_seen_at")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx, &rows)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list sessions")
	}
	out := make([]OnlineSession, len(rows))
	for i, r := range rows {
		out[i] = OnlineSession{Key: r.ID[:sessionKeyLen], UserID: r.UserID, Username: r.Username, Name: r.Name, IP: r.IP,
			UserAgent: r.UserAgent, CreatedAt: r.CreatedAt, LastSeenAt: r.LastSeenAt, ExpiresAt: r.ExpiresAt, Current: r.ID == currentSession}
	}
	return out, int(n), nil
}

// ForceLogout ends the session with the given key. Errors: not_found, invalid (bad key).
func (s *Service) ForceLogout(ctx context.Context, key string) error {
	if len(key) != sessionKeyLen || strings.Trim(key, "0123456789abcdef") != "" {
		return apperr.Reject("path.key", apperr.Format("session-key"), "not a session key")
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewDelete().Model((*Session)(nil)).Where("substr(id, 1, ?) = ?", sessionKeyLen, key).Exec(ctx)
		if err != nil {
			return apperr.Wrap(err, "end session")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.NotFoundf("session", key)
		}
		trail.Change(ctx, "session", key, nil, nil)
		return nil
	})
}

// LoginFilter filters the login log.
type LoginFilter struct {
	api.Page
	Username string `query:"username"`
	IP       string `query:"ip"`
	Success  string `query:"success" enum:"true,false," doc:"true or false; empty for both"`
	From     string `query:"from" doc:"YYYY-MM-DD or RFC 3339, inclusive"`
	To       string `query:"to" doc:"YYYY-MM-DD (whole day) or RFC 3339, exclusive"`
}

// LoginLog searches the login log, newest first by default.
func (s *Service) LoginLog(ctx context.Context, f LoginFilter, loc *time.Location) ([]LoginEvent, int, error) {
	var items []LoginEvent
	q := s.db.R.NewSelect().Model(&items)
	if f.Username != "" {
		q = q.Where("lower(username) LIKE ?", "%"+strings.ToLower(f.Username)+"%")
	}
	if f.IP != "" {
		q = q.Where("ip LIKE ?", f.IP+"%")
	}
	if f.Success != "" {
		q = q.Where("success = ?", f.Success == "true")
	}
	from, to, err := api.Range(f.From, f.To, loc)
	if err != nil {
		return nil, 0, err
	}
	if !from.IsZero() {
		q = q.Where("at >= ?", from)
	}
	if !to.IsZero() {
		q = q.Where("at < ?", to)
	}
	q, err = api.Order(q, f.Sort, map[string]string{"at": "at", "id": "id", "username": "username"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	return items, int(n), apperr.Wrap(err, "search login log")
}
