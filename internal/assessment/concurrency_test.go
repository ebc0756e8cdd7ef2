package assessment

import (
	"sync"
	"testing"

	"ecomops/internal/platform/auth"
)

// TestConcurrentStartAndSaves: a double-clicked start gives one attempt,
// and saves of one question racing each other leave the highest seq.
func TestConcurrentStartAndSaves(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		e := w.exam(w.fixedPaper(w.bank()[:4], ""), ExamInput{MaxAttempts: intp(3)})
		learner := w.as("E018", auth.ScopeSelf)
		ids := make([]int64, 6)
		errs := make([]error, 6)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, _, err := w.s.StartAttempt(learner, e.ID)
				ids[i], errs[i] = v.ID, err
			}()
		}
		wg.Wait()
		var id int64
		for i := range ids {
			if errs[i] != nil {
				continue // "an attempt was started at the same moment; reload" is allowed
			}
			if id == 0 {
				id = ids[i]
			}
			if ids[i] != id {
				t.Fatalf("two attempts started: %v", ids)
			}
		}
		if id == 0 {
			t.Fatalf("no start succeeded: %v", errs)
		}
		if n := countRows(t, w, "assessment_attempts"); n != 1 {
			t.Fatalf("%d attempts", n)
		}

		// 40 saves of question 4 with seqs 1..40 in random order
		var sw sync.WaitGroup
		for seq := int64(1); seq <= 40; seq++ {
			sw.Add(1)
			go func() {
				defer sw.Done()
				_, err := w.s.SaveAnswer(learner, id, 4, SaveInput{Seq: seq, Answer: Response{Blanks: []string{"v" + itoa(seq)}}})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		sw.Wait()
		v, err := w.s.Attempt(learner, id)
		check(t, err)
		if q := v.Questions[3]; q.Seq != 40 || q.Answer.Blanks[0] != "v40" {
			t.Fatalf("after racing saves: seq %d %+v", q.Seq, q.Answer)
		}
	})
}

func countRows(t *testing.T, w *world, table string) int {
	t.Helper()
	n, err := w.d.R.NewSelect().TableExpr(table).Count(w.admin())
	check(t, err)
	return int(n)
}
