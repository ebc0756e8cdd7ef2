package assessment

import (
	"context"
	"testing"

	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db/dbtest"
)

// BenchmarkSaveAnswer is one autosave through the service (cached question
// versions, the conditional update and its audit row in one transaction, the
// read of the deadline) on SQLite; BenchmarkBareCommit is the reference: a
// bare one-row UPDATE committed on the same writer, which is the floor any
// durable save pays (synchronous=FULL).
//
//	go test ./internal/assessment -run - -bench 'SaveAnswer|BareCommit' -benchtime 2000x
func BenchmarkSaveAnswer(b *testing.B) {
	t := &testing.T{}
	w := newWorld(t, dbtest.SQLite(b))
	w.t = t
	e := w.exam(w.fixedPaper(w.bank()[:4], ""), ExamInput{})
	learner := w.as("E018", auth.ScopeSelf)
	v, _, err := w.s.StartAttempt(learner, e.ID)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := w.s.SaveAnswer(learner, v.ID, 4, SaveInput{Seq: int64(i + 1), Answer: Response{Blanks: []string{"答案" + itoa(int64(i))}}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBareCommit(b *testing.B) {
	d := dbtest.SQLite(b)
	ctx := context.Background()
	if _, err := d.W.ExecContext(ctx, "CREATE TABLE bench_row (id INTEGER PRIMARY KEY, v TEXT, seq INTEGER)"); err != nil {
		b.Fatal(err)
	}
	if _, err := d.W.ExecContext(ctx, "INSERT INTO bench_row VALUES (1, '', 0)"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := d.W.ExecContext(ctx, "UPDATE bench_row SET v = ?, seq = ? WHERE id = 1 AND seq < ?", "x"+itoa(int64(i)), i+1, i+1); err != nil {
			b.Fatal(err)
		}
	}
}
