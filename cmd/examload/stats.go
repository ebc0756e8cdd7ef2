package main

import (
	"fmt"
	"os"
	"path/filepath"
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

// probeFsync writes 4 KiB and fsyncs it in dir every interval until stop is
// closed, and returns the fsync durations: the disk's own commit latency at
// the same moments as the load, the floor of any durable save (SQLite
// synchronous=FULL fsyncs the WAL on every commit).
func probeFsync(dir string, every time.Duration, stop <-chan struct{}) <-chan []time.Duration {
	out := make(chan []time.Duration, 1)
	go func() {
		var ds []time.Duration
		f, err := os.Create(filepath.Join(dir, "fsync-probe"))
		if err != nil {
			out <- nil
			return
		}
		defer func() { f.Close(); os.Remove(f.Name()) }()
		buf := make([]byte, 4096)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				out <- ds
				return
			case <-t.C:
				if _, err := f.WriteAt(buf, 0); err != nil {
					continue
				}
				start := time.Now()
				if f.Sync() == nil {
					ds = append(ds, time.Since(start))
				}
			}
		}
	}()
	return out
}
