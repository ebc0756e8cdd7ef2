package iam

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/trail"
)

// tokenPrefix marks EcomOps tokens so secret scanners can recognise them.
const tokenPrefix = "eco_"

// CreateToken issues an API token for the caller. The secret is returned
// once and only its SHA-256 is stored; the token acts with the user's
// current permissions and scope. expiresDays 0 means no expiry.
// Errors: invalid.
func (s *Service) CreateToken(ctx context.Context, p *auth.Principal, name string, expiresDays int) (Token, string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Token{}, "", apperr.Reject("body.name", apperr.Required(), "name is required")
	}
	secret := tokenPrefix + randomToken(30)
	now := s.now()
	t := Token{UserID: p.UserID, Name: name, Prefix: secret[:len(tokenPrefix)+6], Hash: digest(secret), CreatedAt: now}
	if expiresDays > 0 {
		exp := now.AddDate(0, 0, expiresDays)
		t.ExpiresAt = &exp
	}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&t).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create token")
		}
		trail.Change(ctx, "api_token", t.ID, nil, t)
		return nil
	})
	return t, secret, err
}

// ListTokens returns the caller's tokens, newest first.
func (s *Service) ListTokens(ctx context.Context, p *auth.Principal) ([]Token, error) {
	var ts []Token
	err := s.db.R.NewSelect().Model(&ts).Where("user_id = ?", p.UserID).OrderExpr("id DESC").Scan(ctx)
	return ts, apperr.Wrap(err, "list tokens")
}

// RevokeToken revokes one of the caller's tokens. Errors: not_found.
func (s *Service) RevokeToken(ctx context.Context, p *auth.Principal, id int64) error {
	now := s.now()
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewUpdate().Model((*Token)(nil)).Set("revoked_at = ?", now).
			Where("id = ?", id).Where("user_id = ?", p.UserID).Where("revoked_at IS NULL").Exec(ctx)
		if err != nil {
			return apperr.Wrap(err, "revoke token")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.NotFoundf("token", id)
		}
		trail.Change(ctx, "api_token", id, nil, map[string]any{"revoked_at": now})
		return nil
	})
}

// tokenUser resolves a bearer secret; (0, 0) when unknown, revoked or expired.
func (s *Service) tokenUser(ctx context.Context, secret string) (int64, int64, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return 0, 0, nil
	}
	var t Token
	err := s.db.R.NewSelect().Model(&t).Where("token_hash = ?", digest(secret)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, apperr.Wrap(err, "load token")
	}
	now := s.now()
	if t.RevokedAt != nil || (t.ExpiresAt != nil && now.After(*t.ExpiresAt)) {
		return 0, 0, nil
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		if _, err := s.db.W.NewUpdate().Model((*Token)(nil)).Set("last_used_at = ?", now).Where("id = ?", t.ID).Exec(ctx); err != nil {
			return 0, 0, apperr.Wrap(err, "touch token")
		}
	}
	return t.ID, t.UserID, nil
}
