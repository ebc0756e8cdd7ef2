package iam

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Login throttling: after MaxFailures failed attempts within FailureWindow,
// for the same username or from the same IP, further attempts are refused
// with 429 until the oldest of those failures leaves the window. A
// successful login clears the account's count. Refused attempts are logged
// as "throttled" and do not extend the lock.
const (
	MaxFailures   = 5
	FailureWindow = 15 * time.Minute
)

// ThrottledError is returned while an account or IP is locked.
type ThrottledError struct {
	Err        *apperr.Error
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string { return e.Err.Error() }
func (e *ThrottledError) Unwrap() error { return e.Err }

func (s *Service) checkThrottle(ctx context.Context, username, ip string) error {
	now := s.now()
	since := now.Add(-FailureWindow)
	for _, key := range []struct{ col, val string }{{"username", username}, {"ip", ip}} {
		if key.val == "" {
			continue
		}
		var times []time.Time
		q := s.db.W.NewSelect().Table("login_log").Column("at").
			Where("? = ?", bun.Ident(key.col), key.val).Where("success = ?", false).
			Where("reason <> ?", "throttled").Where("at > ?", since).OrderExpr("at DESC").Limit(MaxFailures)
		if key.col == "username" {
			q = q.Where("at > coalesce((SELECT max(at) FROM login_log WHERE username = ? AND success = ?), ?)", username, true, time.Time{})
		}
		if err := q.Scan(ctx, &times); err != nil {
			return apperr.Wrap(err, "check login throttle")
		}
		if len(times) >= MaxFailures {
			retry := times[len(times)-1].Add(FailureWindow).Sub(now).Round(time.Second)
			if retry < time.Second {
				retry = time.Second
			}
			return &ThrottledError{
				Err:        apperr.New(apperr.TooMany, "too many failed sign-ins for this %s; try again in %s", key.col, retry),
				RetryAfter: retry,
			}
		}
	}
	return nil
}

func (s *Service) logLogin(ctx context.Context, username string, userID int64, ip, ua string, ok bool, reason string) error {
	ev := LoginEvent{At: s.now(), Username: username, UserID: userID, IP: ip, UserAgent: truncate(ua, 300), Success: ok, Reason: reason}
	if _, err := s.db.W.NewInsert().Model(&ev).Exec(ctx); err != nil {
		return apperr.Wrap(err, "write login log")
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
