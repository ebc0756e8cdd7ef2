// Package auth holds the principal of a request: who is calling, what they
// may do and which rows they may see. iam authenticates, org resolves the
// data scope into visible id sets, and stores filter with them.
package auth

import (
	"context"
	"slices"
)

// Scope is a role's data scope, RuoYi-style. When a user has several roles
// the broadest scope wins (the order below, all first).
type Scope string

const (
	ScopeAll          Scope = "all"
	ScopeDeptAndBelow Scope = "dept_and_below"
	ScopeDept         Scope = "dept"
	ScopeShops        Scope = "shops"
	ScopeSelf         Scope = "self"
)

// Scopes in order from broadest to narrowest.
var Scopes = []Scope{ScopeAll, ScopeDeptAndBelow, ScopeDept, ScopeShops, ScopeSelf}

// Valid reports whether s is a known scope.
func (s Scope) Valid() bool { return slices.Contains(Scopes, s) }

// Broadest returns the broadest of the scopes, ScopeSelf for none.
func Broadest(scopes []Scope) Scope {
	for _, s := range Scopes {
		if slices.Contains(scopes, s) {
			return s
		}
	}
	return ScopeSelf
}

// Principal is the authenticated caller.
type Principal struct {
	UserID     int64
	Username   string
	Name       string
	Admin      bool // a system administrator passes every permission and sees everything
	Roles      []string
	Perms      map[string]bool
	Scope      Scope
	EmployeeID int64  // 0 when the login has no employee record
	SessionID  string // set for cookie sessions
	TokenID    int64  // set for API-token calls

	// Visible id sets resolved from Scope; nil means unrestricted. An empty,
	// non-nil slice means nothing is visible.
	Depts     []int64
	Employees []int64
	Shops     []int64
}

// Can reports whether the principal holds perm.
func (p *Principal) Can(perm string) bool {
	if p == nil {
		return false
	}
	return p.Admin || p.Perms[perm]
}

// Unrestricted reports whether no data-scope filter applies.
func (p *Principal) Unrestricted() bool { return p == nil || p.Admin || p.Scope == ScopeAll }

type ctxKey struct{}

// With returns ctx carrying p.
func With(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// From returns the principal on ctx or nil (system context: CLI, jobs, demo).
func From(ctx context.Context) *Principal { p, _ := ctx.Value(ctxKey{}).(*Principal); return p }
