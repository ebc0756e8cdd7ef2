package iam

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// Cookie names: under TLS the __Host- prefix pins the cookie to this host
// and path / and requires Secure.
const (
	cookiePlain  = api.SessionCookie
	cookieSecure = "__Host-" + api.SessionCookie
)

// Client describes where a request comes from.
type Client struct {
	IP        string
	UserAgent string
	TLS       bool
	OldCookie string // the session cookie the browser sent, replaced at login
}

// Login checks the password and opens a new session, returning the user and
// the cookie value. The previous session of this browser is ended (session
// rotation). Every attempt is written to the login log.
// Errors: unauthenticated (wrong name or password, disabled account — the
// same message for all), too_many_requests (*ThrottledError).
func (s *Service) Login(ctx context.Context, username, password string, c Client) (User, string, error) {
	username = strings.TrimSpace(username)
	if err := s.checkThrottle(ctx, username, c.IP); err != nil {
		if le := s.logLogin(ctx, username, 0, c.IP, c.UserAgent, false, "throttled"); le != nil {
			return User{}, "", le
		}
		return User{}, "", err
	}
	var u User
	err := s.db.W.NewSelect().Model(&u).Where("username = ?", username).Scan(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return User{}, "", apperr.Wrap(err, "load user")
	}
	hash := u.PasswordHash
	if hash == "" {
		hash = dummyHash
	}
	ok := VerifyPassword(hash, password) && u.ID != 0
	reason := "ok"
	switch {
	case !ok:
		reason = "bad_credentials"
	case u.Status != UserActive:
		reason, ok = "disabled", false
	}
	if err := s.logLogin(ctx, username, u.ID, c.IP, c.UserAgent, ok, reason); err != nil {
		return User{}, "", err
	}
	if !ok {
		return User{}, "", apperr.New(apperr.Unauthenticated, "wrong username or password, or the account is disabled")
	}
	_, absolute := s.Timeouts(ctx)
	token := randomToken(32)
	now := s.now()
	sess := Session{ID: digest(token), UserID: u.ID, IP: c.IP, UserAgent: truncate(c.UserAgent, 300),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(absolute)}
	err = s.db.W.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if c.OldCookie != "" {
			if _, err := tx.NewDelete().Model((*Session)(nil)).Where("id = ?", digest(c.OldCookie)).Exec(ctx); err != nil {
				return err
			}
		}
		_, err := tx.NewInsert().Model(&sess).Exec(ctx)
		return err
	})
	if err != nil {
		return User{}, "", apperr.Wrap(err, "create session")
	}
	return u, token, nil
}

// Logout ends the session of the cookie value.
func (s *Service) Logout(ctx context.Context, p *auth.Principal) error {
	if p == nil || p.SessionID == "" {
		return nil
	}
	if _, err := s.db.W.NewDelete().Model((*Session)(nil)).Where("id = ?", p.SessionID).Exec(ctx); err != nil {
		return apperr.Wrap(err, "end session")
	}
	return s.logLogin(ctx, p.Username, p.UserID, "", "", true, "logout")
}

// SessionCookie builds the Set-Cookie for a session value; an empty value
// deletes the cookie.
func SessionCookie(value string, secure bool) http.Cookie {
	c := http.Cookie{Name: cookiePlain, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure}
	if secure {
		c.Name = cookieSecure
	}
	if value == "" {
		c.MaxAge = -1
	}
	return c
}

// cookieValue returns the session cookie of r, if any.
func cookieValue(r *http.Request) string {
	for _, name := range []string{cookieSecure, cookiePlain} {
		if c, err := r.Cookie(name); err == nil && c.Value != "" {
			return c.Value
		}
	}
	return ""
}

// touchEvery limits last_seen_at writes to one per session per minute.
const touchEvery = time.Minute

// sessionUser resolves a cookie value to its user id, enforcing the idle and
// absolute timeouts; an expired session is deleted. ("", 0) when invalid.
func (s *Service) sessionUser(ctx context.Context, cookie string) (string, int64, error) {
	id := digest(cookie)
	var sess Session
	err := s.db.R.NewSelect().Model(&sess).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	if err != nil {
		return "", 0, apperr.Wrap(err, "load session")
	}
	now := s.now()
	idle, _ := s.Timeouts(ctx)
	if now.After(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) > idle {
		_, err := s.db.W.NewDelete().Model((*Session)(nil)).Where("id = ?", id).Exec(ctx)
		return "", 0, apperr.Wrap(err, "expire session")
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		if _, err := s.db.W.NewUpdate().Model((*Session)(nil)).Set("last_seen_at = ?", now).Where("id = ?", id).Exec(ctx); err != nil {
			return "", 0, apperr.Wrap(err, "touch session")
		}
	}
	return id, sess.UserID, nil
}

// Identity is who a request's credentials name: the user and the session or
// API token that names them.
type Identity struct {
	UserID    int64
	SessionID string // set for cookie sessions
	TokenID   int64  // set for API-token calls
}

// Identify resolves the session cookie or bearer token of r, enforcing
// expiry, revocation and the session timeouts on every call (never cached,
// so a logout or a revoked token takes effect on the next request). A zero
// Identity means anonymous.
func (s *Service) Identify(ctx context.Context, r *http.Request) (Identity, error) {
	var (
		id  Identity
		err error
	)
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		id.TokenID, id.UserID, err = s.tokenUser(ctx, strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")))
	} else if c := cookieValue(r); c != "" {
		id.SessionID, id.UserID, err = s.sessionUser(ctx, c)
	}
	if err != nil {
		return Identity{}, err
	}
	return id, nil
}

// Principal loads an active user's roles and permissions; nil for a
// missing or disabled user.
func (s *Service) Principal(ctx context.Context, userID int64) (*auth.Principal, error) {
	var u User
	if err := s.db.R.NewSelect().Model(&u).Where("id = ?", userID).Scan(ctx); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, apperr.Wrap(err, "load user")
	}
	if u.Status != UserActive {
		return nil, nil
	}
	var roles []Role
	if err := s.db.R.NewSelect().Model(&roles).Where("id IN (SELECT role_id FROM user_roles WHERE user_id = ?)", userID).
		OrderExpr("sort, id").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load roles")
	}
	p := &auth.Principal{UserID: u.ID, Username: u.Username, Name: u.Name, Admin: u.IsAdmin, Perms: map[string]bool{}}
	var scopes []auth.Scope
	ids := make([]int64, 0, len(roles))
	for _, r := range roles {
		p.Roles = append(p.Roles, r.Code)
		scopes = append(scopes, r.DataScope)
		ids = append(ids, r.ID)
	}
	p.Scope = auth.Broadest(scopes)
	if u.IsAdmin {
		p.Scope = auth.ScopeAll
	}
	if len(ids) > 0 {
		var perms []string
		if err := s.db.R.NewSelect().Model((*rolePermission)(nil)).Column("permission").Distinct().
			Where("role_id IN (?)", bun.In(ids)).Scan(ctx, &perms); err != nil {
			return nil, apperr.Wrap(err, "load permissions")
		}
		for _, perm := range perms {
			p.Perms[perm] = true
		}
	}
	return p, nil
}
