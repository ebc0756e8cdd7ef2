package app

import (
	"context"
	"sync"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
)

// principalCache keeps each user's principal (roles, permissions and the
// resolved data scope) so a request does not rebuild it from seven tables.
//
// Contract: an entry is used only while the auth_epoch counter still holds
// the value read before the entry was built. Database triggers move the
// counter on every change to the tables a principal is built from (see
// migration 00010), in the same transaction, so a change to a role, a grant,
// a department or shop staff takes effect on the next request, whichever
// process made it. Reading the counter before building means a build that
// raced a change is stored under the old value and thrown away next time.
// maxAge bounds an entry's life all the same. The credentials themselves
// (session, token) are checked on every request and never cached.
type principalCache struct {
	db     *db.DB
	maxAge time.Duration
	max    int

	mu sync.Mutex
	m  map[int64]cachedPrincipal
}

type cachedPrincipal struct {
	p     *auth.Principal // nil: no active user
	epoch int64
	at    time.Time
}

func newPrincipalCache(d *db.DB) *principalCache {
	return &principalCache{db: d, maxAge: time.Minute, max: 10000, m: map[int64]cachedPrincipal{}}
}

// epoch reads the counter.
func (c *principalCache) epoch(ctx context.Context) (int64, error) {
	var n int64
	if err := c.db.R.NewSelect().Table("auth_epoch").Column("n").Where("id = 1").Scan(ctx, &n); err != nil {
		return 0, apperr.Wrap(err, "read auth epoch")
	}
	return n, nil
}

// get returns the principal of userID, building it with build when the
// cached one is missing, stale or too old. The result is a copy the caller
// may set per-request fields on; its slices and map are shared and must not
// be changed.
func (c *principalCache) get(ctx context.Context, userID int64, build func() (*auth.Principal, error)) (*auth.Principal, error) {
	epoch, err := c.epoch(ctx)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[userID]
	c.mu.Unlock()
	if !ok || e.epoch != epoch || now.Sub(e.at) > c.maxAge {
		p, err := build()
		if err != nil {
			return nil, err
		}
		e = cachedPrincipal{p: p, epoch: epoch, at: now}
		c.mu.Lock()
		if len(c.m) >= c.max {
			c.m = map[int64]cachedPrincipal{}
		}
		c.m[userID] = e
		c.mu.Unlock()
	}
	if e.p == nil {
		return nil, nil
	}
	cp := *e.p
	return &cp, nil
}
