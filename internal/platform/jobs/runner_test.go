package jobs_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/platform/jobs"
)

type echoArgs struct {
	N int `json:"n"`
}

func (echoArgs) Kind() string { return "jobs_test_echo" }

type echoWorker struct {
	river.WorkerDefaults[echoArgs]
	sum *atomic.Int64
}

func (w *echoWorker) Work(_ context.Context, j *river.Job[echoArgs]) error {
	w.sum.Add(int64(j.Args.N))
	return nil
}

// TestRunnerInsertsBeforeStartAndWorksAfter: a runner that was never started
// (a CLI command) enqueues; a started one (serve) works the job; Migrate is
// repeatable.
func TestRunnerInsertsBeforeStartAndWorksAfter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for range 2 {
			if err := jobs.Migrate(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		var sum atomic.Int64
		enqueuer, err := jobs.Open(ctx, d, jobs.Config{})
		if err != nil {
			t.Fatal(err)
		}
		jobs.Register(enqueuer, &echoWorker{sum: &sum})
		if _, _, err := enqueuer.Insert(ctx, echoArgs{N: 7}, nil); err != nil {
			t.Fatal(err)
		}
		if err := enqueuer.Stop(ctx); err != nil { // never started: a no-op
			t.Fatal(err)
		}
		enqueuer.Close()
		if sum.Load() != 0 {
			t.Fatal("a runner that was never started worked a job")
		}

		worker, err := jobs.Open(ctx, d, jobs.Config{FetchPollInterval: 20 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer worker.Close()
		jobs.Register(worker, &echoWorker{sum: &sum})
		if err := worker.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer worker.Stop(ctx)
		deadline := time.Now().Add(10 * time.Second)
		for sum.Load() != 7 {
			if time.Now().After(deadline) {
				t.Fatalf("job not worked: sum %d", sum.Load())
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
