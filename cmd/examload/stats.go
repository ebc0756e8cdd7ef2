package main

import (
	"fmt"
	"slices"
	"time"
)

// summary is a latency distribution.
type summary struct {
	N                       int
	P50, P95, P99, Max, Avg time.Duration
}

func summarise(ds []time.Duration) summary {
	if len(ds) == 0 {
		return summary{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	var total time.Duration
	for _, d := range s {
		total += d
	}
	return summary{N: len(s), P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: s[len(s)-1], Avg: total / time.Duration(len(s))}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func (s summary) String() string {
	return fmt.Sprintf("n=%d p50=%s p95=%s p99=%s max=%s avg=%s", s.N, ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max), ms(s.Avg))
}
