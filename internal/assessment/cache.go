package assessment

import (
	"strconv"
	"sync"
)

// versionCache keeps question versions by id. Versions are immutable once
// written (an edit adds a version), so a cached copy is never stale, on one
// server or several. Entries that were deleted with an unused question are
// never asked for again. When full, the cache starts over: correctness never
// depends on it, only the number of reads on the autosave path does.
type versionCache struct {
	mu  sync.RWMutex
	max int
	m   map[int64]QuestionVersion
}

func newVersionCache(max int) *versionCache {
	return &versionCache{max: max, m: map[int64]QuestionVersion{}}
}

func (c *versionCache) get(id int64) (QuestionVersion, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[id]
	return v, ok
}

func (c *versionCache) put(v QuestionVersion) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		c.m = map[int64]QuestionVersion{}
	}
	c.m[v.ID] = v
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// attemptRef is the immutable part of an attempt the autosave path needs:
// whose it is and which question version sits at each position.
type attemptRef struct {
	employeeID int64
	versions   []int64 // by position - 1
}

// refCache keeps attemptRefs by attempt id (immutable once the attempt
// exists, so never stale); when full it starts over.
type refCache struct {
	mu  sync.RWMutex
	max int
	m   map[int64]attemptRef
}

func newRefCache(max int) *refCache { return &refCache{max: max, m: map[int64]attemptRef{}} }

func (c *refCache) get(id int64) (attemptRef, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	r, ok := c.m[id]
	return r, ok
}

func (c *refCache) put(id int64, r attemptRef) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		c.m = map[int64]attemptRef{}
	}
	c.m[id] = r
}
