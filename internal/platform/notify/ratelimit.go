package notify

import (
	"sync"
	"time"
)

// The providers state their limits as "N messages per window" per bot
// (DingTalk 20/min, WeCom 20/min, Feishu 100/min and 5/s) and refuse the
// excess for a while. A token bucket (golang.org/x/time/rate) with burst N
// and rate N/window admits up to 2N in a window that straddles a refill, so
// this file keeps an exact sliding log of the last N send times instead: a
// send is admitted only if fewer than N fell inside the last window. It is a
// few lines and needs no new dependency.
//
// The limit is per process: with several replicas on PostgreSQL each one
// keeps its own log, so a bot could see up to replicas x N; the provider's
// "too fast" answer is then retried with backoff like any other failure.

// window is one "max per period" rule.
type window struct {
	max    int
	period time.Duration
}

// limits per channel type; Email has none (the SMTP server throttles).
var providerLimits = map[Channel][]window{
	DingTalk: {{20, time.Minute}},
	WeCom:    {{20, time.Minute}},
	Feishu:   {{100, time.Minute}, {5, time.Second}},
}

// slidingLog admits at most max events per period for each of its windows.
type slidingLog struct {
	windows []window
	times   []time.Time // admitted events, oldest first, at most the largest max
}

// reserve admits an event at now and returns 0, or returns how long to wait
// before one would be admitted (nothing is recorded then).
func (l *slidingLog) reserve(now time.Time) time.Duration {
	var wait time.Duration
	for _, w := range l.windows {
		if len(l.times) < w.max {
			continue
		}
		// the w.max-th most recent event must have left the window
		oldest := l.times[len(l.times)-w.max]
		if d := oldest.Add(w.period).Sub(now); d > wait {
			wait = d
		}
	}
	if wait > 0 {
		return wait
	}
	l.times = append(l.times, now)
	keep := 0
	for _, w := range l.windows {
		keep = max(keep, w.max)
	}
	if len(l.times) > keep {
		l.times = append(l.times[:0], l.times[len(l.times)-keep:]...)
	}
	return 0
}

// limiter holds one sliding log per configured channel (bot).
type limiter struct {
	mu   sync.Mutex
	logs map[limitKey]*slidingLog
}

// limitKey includes the type so a channel switched to another provider
// starts with that provider's windows.
type limitKey struct {
	id  int64
	typ Channel
}

func newLimiter() *limiter { return &limiter{logs: map[limitKey]*slidingLog{}} }

// reserve admits one message to channel id of type typ at now, or says how
// long to wait. Channel types without a limit always pass.
func (l *limiter) reserve(id int64, typ Channel, now time.Time) time.Duration {
	ws := providerLimits[typ]
	if len(ws) == 0 {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	k := limitKey{id, typ}
	lg := l.logs[k]
	if lg == nil {
		lg = &slidingLog{windows: ws}
		l.logs[k] = lg
	}
	return lg.reserve(now)
}
