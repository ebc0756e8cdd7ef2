package iam

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// NewUser is a login to create.
type NewUser struct {
	Username string
	Name     string
	Password string
	Admin    bool
	Roles    []string // role codes
}

// CreateUser adds a login (CLI and demo). Errors: invalid (bad username,
// weak password, unknown role), conflict (username taken).
func (s *Service) CreateUser(ctx context.Context, in NewUser) (User, error) {
	var u User
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		ids, err := roleIDsByCode(ctx, tx, in.Roles)
		if err != nil {
			return err
		}
		u, err = s.saveLogin(ctx, tx, 0, Login{Username: in.Username, Name: in.Name, Password: in.Password, RoleIDs: ids, Enabled: true}, in.Admin)
		return err
	})
	return u, err
}

func roleIDsByCode(ctx context.Context, tx bun.IDB, codes []string) ([]int64, error) {
	var ids []int64
	for _, c := range codes {
		var id int64
		err := tx.NewSelect().Model((*Role)(nil)).Column("id").Where("code = ?", c).Scan(ctx, &id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, apperr.Reject("role", apperr.Missing(c), "unknown role %q", c)
		}
		if err != nil {
			return nil, apperr.Wrap(err, "load role")
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// Login is the login part of an employee record.
type Login struct {
	Username string
	Name     string
	Password string // empty keeps the current password (required for a new login)
	RoleIDs  []int64
	Enabled  bool
}

// SaveLogin creates (userID 0) or updates a login inside the caller's
// transaction; org uses it for an employee's account. Changing the password
// or disabling the login ends the user's sessions.
// Errors: invalid, conflict (username taken), not_found.
func (s *Service) SaveLogin(ctx context.Context, tx bun.IDB, userID int64, in Login) (User, error) {
	return s.saveLogin(ctx, tx, userID, in, false)
}

func (s *Service) saveLogin(ctx context.Context, tx bun.IDB, userID int64, in Login, admin bool) (User, error) {
	in.Username = strings.TrimSpace(in.Username)
	if err := ValidUsername("body.username", in.Username); err != nil {
		return User{}, err
	}
	if userID == 0 && in.Password == "" {
		return User{}, apperr.Reject("body.password", apperr.Required(), "a password is required for a new login")
	}
	if in.Password != "" {
		if err := CheckPassword("body.password", in.Username, in.Password); err != nil {
			return User{}, err
		}
	}
	for i, id := range in.RoleIDs {
		if ok, err := tx.NewSelect().Model((*Role)(nil)).Where("id = ?", id).Exists(ctx); err != nil || !ok {
			if err != nil {
				return User{}, apperr.Wrap(err, "load role")
			}
			return User{}, apperr.Reject("body.role_ids", apperr.Because(apperr.CodeNotFound, apperr.P{"id": id, "item": i + 1}), "role_ids[%d]: unknown role %d", i, id)
		}
	}
	now := s.now()
	status := UserActive
	if !in.Enabled {
		status = UserDisabled
	}
	var before *User
	u := User{Username: in.Username, Name: in.Name, IsAdmin: admin, Status: status, Version: 1, CreatedAt: now, UpdatedAt: now, PasswordChangedAt: now}
	if userID != 0 {
		var cur User
		if err := tx.NewSelect().Model(&cur).Where("id = ?", userID).Scan(ctx); err != nil {
			return User{}, db.NotFound(err, "user", userID)
		}
		before = &cur
		u = cur
		u.Username, u.Name, u.Status, u.UpdatedAt = in.Username, in.Name, status, now
	}
	if in.Password != "" {
		h, err := HashPassword(in.Password)
		if err != nil {
			return User{}, apperr.Wrap(err, "hash password")
		}
		u.PasswordHash, u.PasswordChangedAt = h, now
	}
	var err error
	if userID == 0 {
		_, err = tx.NewInsert().Model(&u).Returning("id").Exec(ctx)
	} else {
		_, err = tx.NewUpdate().Model(&u).Column("username", "name", "status", "password_hash", "password_changed_at", "updated_at").
			Set("version = version + 1").WherePK().Exec(ctx)
	}
	if db.IsUniqueViolation(err) {
		return User{}, apperr.Reject("body.username", apperr.Taken(in.Username), "username %q is taken", in.Username)
	}
	if err != nil {
		return User{}, apperr.Wrap(err, "save user")
	}
	if _, err := tx.NewDelete().Model((*userRole)(nil)).Where("user_id = ?", u.ID).Exec(ctx); err != nil {
		return User{}, apperr.Wrap(err, "save user roles")
	}
	for _, rid := range in.RoleIDs {
		if _, err := tx.NewInsert().Model(&userRole{UserID: u.ID, RoleID: rid}).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
			return User{}, apperr.Wrap(err, "save user roles")
		}
	}
	if before != nil && (in.Password != "" || status != UserActive) {
		if _, err := tx.NewDelete().Model((*Session)(nil)).Where("user_id = ?", u.ID).Exec(ctx); err != nil {
			return User{}, apperr.Wrap(err, "end sessions")
		}
	}
	trail.Change(ctx, "user", u.ID, before, map[string]any{"username": u.Username, "name": u.Name, "status": u.Status, "role_ids": in.RoleIDs, "password_changed": in.Password != ""})
	return u, nil
}

// ResetPassword sets a new password by username (CLI). Sessions end.
// Errors: invalid, not_found.
func (s *Service) ResetPassword(ctx context.Context, username, pw string) error {
	if err := CheckPassword("password", username, pw); err != nil {
		return err
	}
	return s.setPassword(ctx, "username = ?", username, pw)
}

// ChangePassword changes the caller's own password after checking the old
// one; the caller's other sessions end. Errors: invalid.
func (s *Service) ChangePassword(ctx context.Context, p *auth.Principal, oldPw, newPw string) error {
	var u User
	if err := s.db.R.NewSelect().Model(&u).Where("id = ?", p.UserID).Scan(ctx); err != nil {
		return db.NotFound(err, "user", p.UserID)
	}
	if !VerifyPassword(u.PasswordHash, oldPw) {
		return apperr.Reject("body.old_password", apperr.Because("wrong_password", nil), "the current password is wrong")
	}
	if oldPw == newPw {
		return apperr.Reject("body.new_password", apperr.Because("password_unchanged", nil), "the new password must differ from the current one")
	}
	if err := CheckPassword("body.new_password", u.Username, newPw); err != nil {
		return err
	}
	return s.setPassword(ctx, "id = ?", u.ID, newPw, p.SessionID)
}

func (s *Service) setPassword(ctx context.Context, where string, arg any, pw string, keepSession ...string) error {
	h, err := HashPassword(pw)
	if err != nil {
		return apperr.Wrap(err, "hash password")
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var u User
		if err := tx.NewSelect().Model(&u).Where(where, arg).Scan(ctx); err != nil {
			return db.NotFound(err, "user", arg)
		}
		now := s.now()
		if _, err := tx.NewUpdate().Model((*User)(nil)).Set("password_hash = ?", h).Set("password_changed_at = ?", now).
			Set("must_change_password = ?", false).Set("updated_at = ?", now).Set("version = version + 1").
			Where("id = ?", u.ID).Exec(ctx); err != nil {
			return apperr.Wrap(err, "save password")
		}
		q := tx.NewDelete().Model((*Session)(nil)).Where("user_id = ?", u.ID)
		if len(keepSession) > 0 && keepSession[0] != "" {
			q = q.Where("id <> ?", keepSession[0])
		}
		if _, err := q.Exec(ctx); err != nil {
			return apperr.Wrap(err, "end sessions")
		}
		trail.Change(ctx, "user", u.ID, nil, map[string]any{"password_changed": true})
		return nil
	})
}

// User returns a user by id. Errors: not_found.
func (s *Service) User(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.db.R.NewSelect().Model(&u).Where("id = ?", id).Scan(ctx)
	return u, db.NotFound(err, "user", id)
}

// UserRoleIDs returns the role ids of each given user.
func (s *Service) UserRoleIDs(ctx context.Context, userIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []userRole
	if err := s.db.R.NewSelect().Model(&rows).Where("user_id IN (?)", bun.In(userIDs)).Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load user roles")
	}
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], r.RoleID)
	}
	return out, nil
}

// Users returns users by id.
func (s *Service) Users(ctx context.Context, ids []int64) (map[int64]User, error) {
	out := map[int64]User{}
	if len(ids) == 0 {
		return out, nil
	}
	var us []User
	if err := s.db.R.NewSelect().Model(&us).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load users")
	}
	for _, u := range us {
		out[u.ID] = u
	}
	return out, nil
}
