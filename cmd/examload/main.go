// Command examload is the exam autosave load benchmark (issue 5, item 8):
// a company-wide exam taken by many learners at once against a real
// `ecomops serve` on this machine, then a check of the database against
// every answer the learners had acknowledged.
//
//	go run ./cmd/examload                       # SQLite, 500 learners x 50 questions
//	go run ./cmd/examload -db 'postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable'
//
// It builds (or takes with -bin) the ecomops binary, prepares a fresh
// database (a temporary SQLite file, or a new PostgreSQL database created
// with the given admin DSN and dropped afterwards), starts the server on
// 127.0.0.1 only, runs one learner alone (the reference) and then all of
// them, stops the server and verifies. Bounded: -learners at most 2000,
// -timeout for the whole run. Exit status: 0 passed; 1 an answer was lost
// or misattributed, or the run failed; 3 the p99 autosave latency exceeded
// -p99-max.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"
)

type options struct {
	db, bin, work       string
	learners, questions int
	thinkMin, thinkMax  time.Duration
	ramp, timeout, p99  time.Duration
	keep                bool
	seed                uint64
}

// rampTail is how long after the last learner's start the start phase is
// counted to last in the report (the starts queue behind each other).
const rampTail = 20 * time.Second

func main() {
	var o options
	flag.StringVar(&o.db, "db", "sqlite", "sqlite (a new temporary file) or a PostgreSQL admin DSN (a new database is created on it)")
	flag.StringVar(&o.bin, "bin", "", "the ecomops binary (default: go build ./cmd/ecomops into the work directory)")
	flag.StringVar(&o.work, "work", "", "work directory (default: a new temporary one, removed unless -keep)")
	flag.IntVar(&o.learners, "learners", 500, "concurrent learners (at most 2000)")
	flag.IntVar(&o.questions, "questions", 50, "questions per learner")
	flag.DurationVar(&o.thinkMin, "think-min", time.Second, "shortest think time before an answer")
	flag.DurationVar(&o.thinkMax, "think-max", 5*time.Second, "longest think time (0 with -think-min 0: no pause, a stress run)")
	flag.DurationVar(&o.ramp, "ramp", 10*time.Second, "learners start at random moments within this window")
	flag.DurationVar(&o.timeout, "timeout", 20*time.Minute, "the whole run is abandoned after this long")
	flag.DurationVar(&o.p99, "p99-max", 200*time.Millisecond, "the autosave p99 latency target")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directory (and the PostgreSQL database)")
	flag.Uint64Var(&o.seed, "seed", 20261101, "random seed of the learners' behaviour")
	flag.Parse()
	os.Exit(run(o))
}

func run(o options) int {
	if o.learners < 1 || o.learners > 2000 || o.questions < 1 || o.questions > 200 || o.thinkMax < o.thinkMin {
		fmt.Fprintln(os.Stderr, "examload: -learners 1-2000, -questions 1-200, -think-max >= -think-min")
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	env, err := prepare(ctx, &o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "examload:", err)
		return 1
	}
	defer env.cleanup()
	fmt.Printf("examload: %s, %d learners x %d questions, think %s-%s, ramp %s\n", env.kind, o.learners, o.questions, o.thinkMin, o.thinkMax, o.ramp)
	t0 := time.Now()
	w, err := setup(ctx, env.dsn, o.learners, o.questions)
	if err != nil {
		fmt.Fprintln(os.Stderr, "examload: setup:", err)
		return 1
	}
	fmt.Printf("setup: %d learners with tokens, %d questions, exam %d (%s)\n", len(w.Learners)-1, w.Questions, w.ExamID, time.Since(t0).Round(time.Second))
	srv, err := startServer(ctx, env)
	if err != nil {
		fmt.Fprintln(os.Stderr, "examload: server:", err)
		return 1
	}
	tr := &http.Transport{MaxIdleConns: 4000, MaxIdleConnsPerHost: 4000, IdleConnTimeout: 2 * time.Minute}
	c := &client{base: srv.base, http: &http.Client{Transport: tr, Timeout: 60 * time.Second}}

	ref := c.runLearner(ctx, w.Learners[0], w.ExamID, 0, 0, o.seed, 4)
	refSum := summarise(ref.Latencies)
	fmt.Printf("reference (one learner alone, no think time, every question answered 5 times): autosave %s\n", refSum)

	results := make([]result, len(w.Learners)-1)
	var wg sync.WaitGroup
	start, cpu0, load0 := time.Now(), srv.cpuSeconds(), loadAverage()
	stopProbe := make(chan struct{})
	probe := probeFsync(env.work, 100*time.Millisecond, stopProbe)
	for i, acct := range w.Learners[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if o.ramp > 0 {
				time.Sleep(time.Duration(int64(o.seed+uint64(i)*7919) % int64(o.ramp)))
			}
			results[i] = c.runLearner(ctx, acct, w.ExamID, o.thinkMin, o.thinkMax, o.seed, 0)
		}()
	}
	wg.Wait()
	took := time.Since(start)
	cpu, load1 := srv.cpuSeconds()-cpu0, loadAverage()
	close(stopProbe)
	fsyncs := summarise(<-probe)
	if err := srv.stop(); err != nil {
		fmt.Fprintln(os.Stderr, "examload: stopping the server:", err)
	}
	var all, ramp, steady []time.Duration
	var saves, dup, stale, changed, retries, resumes, problems int
	var firstProblems []string
	for _, r := range results {
		all = append(all, r.Latencies...)
		for i, d := range r.Latencies {
			if r.SentAt[i].Sub(start) < o.ramp+rampTail {
				ramp = append(ramp, d)
			} else {
				steady = append(steady, d)
			}
		}
		saves, dup, stale, changed, retries, resumes = saves+r.Saves, dup+r.Duplicates, stale+r.Stale, changed+r.Changed, retries+r.Retries, resumes+r.Resumes
		problems += len(r.Problems)
		for _, p := range r.Problems {
			if len(firstProblems) < 10 {
				firstProblems = append(firstProblems, fmt.Sprintf("learner %d: %s", r.Learner.Index, p))
			}
		}
	}
	sum := summarise(all)
	fmt.Printf("load: %d learners in %s, %d autosaves (%.0f/s): %d duplicates, %d late older saves, %d changed answers, %d retries, %d reloads checked\n",
		len(results), took.Round(time.Second), saves, float64(saves)/took.Seconds(), dup, stale, changed, retries, resumes)
	fmt.Printf("autosave latency under load: %s\n", sum)
	fmt.Printf("  while attempts start (first %s): %s\n  after: %s\n", o.ramp+rampTail, summarise(ramp), summarise(steady))
	fmt.Printf("server CPU during the load: %.1f s in %.0f s (%.2f cores); machine load average %s at start, %s at end (%d cores)\n",
		cpu, took.Seconds(), cpu/took.Seconds(), load0, load1, runtime.NumCPU())
	fmt.Printf("disk: fsync of 4 KiB in the work directory every 100 ms during the load: %s\n", fsyncs)
	if refSum.P99 > 0 {
		fmt.Printf("p99 under load / p99 alone: %.1fx (reference %s)\n", float64(sum.P99)/float64(refSum.P99), ms(refSum.P99))
	}
	v, err := verify(ctx, env.dsn, w.ExamID, append(results, ref))
	if err != nil {
		fmt.Fprintln(os.Stderr, "examload: verify:", err)
		return 1
	}
	fmt.Printf("verify: %d attempts, %d answers compared with what was acknowledged: %d lost, %d misattributed, %d learners with two attempts\n",
		v.Attempts, v.Checked, v.Lost, v.Misattributed, v.Duplicated)
	for _, e := range append(v.Examples, firstProblems...) {
		fmt.Println("  ", e)
	}
	status := 0
	if v.Lost > 0 || v.Misattributed > 0 || v.Duplicated > 0 || problems > 0 || v.Attempts != len(w.Learners) {
		fmt.Printf("FAIL: %d client-side problems\n", problems)
		status = 1
	} else if sum.P99 > o.p99 {
		fmt.Printf("FAIL: p99 %s over the %s target\n", ms(sum.P99), ms(o.p99))
		status = 3
	} else {
		fmt.Printf("PASS: no answer lost or misattributed; p99 %s <= %s\n", ms(sum.P99), ms(o.p99))
	}
	if o.keep {
		fmt.Printf("kept: %s (server log %s)\n", strings.TrimSpace(env.dsn), env.log)
	}
	return status
}
