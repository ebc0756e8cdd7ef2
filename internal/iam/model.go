// Package iam is identity and access: users (logins), roles with
// permissions and data scope, sessions, API tokens, login throttling and
// the login log.
package iam

import (
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// User is a login. Employees (org) point at their user.
type User struct {
	bun.BaseModel      `bun:"table:users"`
	ID                 int64     `bun:"id,pk,autoincrement" json:"id"`
	Username           string    `bun:"username" json:"username"`
	Name               string    `bun:"name" json:"name"`
	PasswordHash       string    `bun:"password_hash" json:"-"`
	IsAdmin            bool      `bun:"is_admin" json:"is_admin"`
	Status             string    `bun:"status" json:"status"`
	MustChangePassword bool      `bun:"must_change_password" json:"must_change_password"`
	PasswordChangedAt  time.Time `bun:"password_changed_at" json:"password_changed_at"`
	Version            int       `bun:"version" json:"version"`
	CreatedAt          time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt          time.Time `bun:"updated_at" json:"updated_at"`
}

// User statuses.
const (
	UserActive   = "active"
	UserDisabled = "disabled"
)

// Role groups permissions and carries a data scope.
type Role struct {
	bun.BaseModel `bun:"table:roles"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	Code          string     `bun:"code" json:"code"`
	Name          string     `bun:"name" json:"name"`
	NameEN        string     `bun:"name_en" json:"name_en"`
	DataScope     auth.Scope `bun:"data_scope" json:"data_scope" enum:"all,dept_and_below,dept,shops,self"`
	Builtin       bool       `bun:"builtin" json:"builtin"`
	Sort          int        `bun:"sort" json:"sort"`
	Remark        string     `bun:"remark" json:"remark"`
	Version       int        `bun:"version" json:"version"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`
	Permissions   []string   `bun:"-" json:"permissions"`
}

type rolePermission struct {
	bun.BaseModel `bun:"table:role_permissions"`
	RoleID        int64  `bun:"role_id,pk"`
	Permission    string `bun:"permission,pk"`
}

type userRole struct {
	bun.BaseModel `bun:"table:user_roles"`
	UserID        int64 `bun:"user_id,pk"`
	RoleID        int64 `bun:"role_id,pk"`
}

// Session is a signed-in browser. ID is the SHA-256 of the cookie value,
// so a database reader cannot take over a session.
type Session struct {
	bun.BaseModel `bun:"table:sessions"`
	ID            string    `bun:"id,pk" json:"-"`
	UserID        int64     `bun:"user_id" json:"user_id"`
	IP            string    `bun:"ip" json:"ip"`
	UserAgent     string    `bun:"user_agent" json:"user_agent"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	LastSeenAt    time.Time `bun:"last_seen_at" json:"last_seen_at"`
	ExpiresAt     time.Time `bun:"expires_at" json:"expires_at"`
}

// Token is an API token for integrations. Only its hash is stored.
type Token struct {
	bun.BaseModel `bun:"table:api_tokens"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	UserID        int64      `bun:"user_id" json:"user_id"`
	Name          string     `bun:"name" json:"name"`
	Prefix        string     `bun:"prefix" json:"prefix" doc:"the first characters of the token, to recognise it"`
	Hash          string     `bun:"token_hash" json:"-"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	LastUsedAt    *time.Time `bun:"last_used_at" json:"last_used_at"`
	ExpiresAt     *time.Time `bun:"expires_at" json:"expires_at"`
	RevokedAt     *time.Time `bun:"revoked_at" json:"revoked_at"`
}

// LoginEvent is a login-log row.
type LoginEvent struct {
	bun.BaseModel `bun:"table:login_log"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	At            time.Time `bun:"at" json:"at"`
	Username      string    `bun:"username" json:"username"`
	UserID        int64     `bun:"user_id,nullzero" json:"user_id,omitempty"`
	IP            string    `bun:"ip" json:"ip"`
	UserAgent     string    `bun:"user_agent" json:"user_agent"`
	Success       bool      `bun:"success" json:"success"`
	Reason        string    `bun:"reason" json:"reason" doc:"ok, bad_credentials, disabled, throttled, logout"`
}

// Permissions this module declares.
var Permissions = []string{
	"iam:role:read", "iam:role:create", "iam:role:update", "iam:role:delete",
	"iam:session:read", "iam:session:delete",
	"iam:user:update",
	"audit:login:read", "audit:login:export",
	"pii:reveal",
}

// ValidUsername checks a login name: 3-32 of letters, digits, . _ -.
func ValidUsername(location, u string) error {
	if len(u) < 3 {
		return apperr.Reject(location, apperr.TooShort(3), "username must have 3 to 32 characters")
	}
	if len(u) > 32 {
		return apperr.Reject(location, apperr.TooLong(32), "username must have 3 to 32 characters")
	}
	for _, r := range u {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-", r)) {
			return apperr.Reject(location, apperr.Because("username_chars", nil), "username may contain only letters, digits, '.', '_' and '-'")
		}
	}
	return nil
}
