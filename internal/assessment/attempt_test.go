package assessment

import (
	"context"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// TestAutosaveAndResume: answers are saved one by one; a retried save and a
// late older save change nothing; a resumed attempt shows every saved answer.
func TestAutosaveAndResume(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		qs := w.bank()
		e := w.exam(w.fixedPaper(qs, MultiPartial), ExamInput{TimeLimitMinutes: 30, MaxAttempts: intp(2)})
		learner := w.as("E018", auth.ScopeSelf)

		v, resumed, err := w.s.StartAttempt(learner, e.ID)
		check(t, err)
		if resumed || len(v.Questions) != 5 || v.Status != AttemptActive || v.RemainingSeconds == nil || *v.RemainingSeconds != 1800 {
			t.Fatalf("start: resumed %v, %d questions, status %s, remaining %v", resumed, len(v.Questions), v.Status, v.RemainingSeconds)
		}
		again, resumed, err := w.s.StartAttempt(learner, e.ID)
		check(t, err)
		if !resumed || again.ID != v.ID {
			t.Fatalf("a second start must resume attempt %d, got %d (resumed %v)", v.ID, again.ID, resumed)
		}

		// question 1 (single): answered B with seq 10, then A with seq 20
		r, err := w.s.SaveAnswer(learner, v.ID, 1, SaveInput{Seq: 10, Answer: Response{Choices: []string{"B"}}})
		check(t, err)
		if !r.Applied || r.Seq != 10 {
			t.Fatalf("first save: %+v", r)
		}
		r, err = w.s.SaveAnswer(learner, v.ID, 1, SaveInput{Seq: 20, Answer: Response{Choices: []string{"A"}}})
		check(t, err)
		if !r.Applied {
			t.Fatal("newer save not applied")
		}
		// the seq-10 save arrives late (a retry after a dropped response): ignored
		r, err = w.s.SaveAnswer(learner, v.ID, 1, SaveInput{Seq: 10, Answer: Response{Choices: []string{"B"}}})
		check(t, err)
		if r.Applied || r.Seq != 20 || r.Answer == nil || r.Answer.Choices[0] != "A" {
			t.Fatalf("late older save must change nothing and answer what is stored: %+v", r)
		}
		// the seq-20 save is retried: idempotent
		r, err = w.s.SaveAnswer(learner, v.ID, 1, SaveInput{Seq: 20, Answer: Response{Choices: []string{"A"}}})
		check(t, err)
		if r.Applied || r.Seq != 20 {
			t.Fatalf("retried save: %+v", r)
		}
		check(t, saveAll(w, learner, v.ID))

		// a wrong shape is refused and changes nothing
		_, err = w.s.SaveAnswer(learner, v.ID, 3, SaveInput{Seq: 99, Answer: Response{Choices: []string{"A"}}})
		wantCode(t, err, apperr.Invalid)
		// someone else's attempt reads as not found
		_, err = w.s.SaveAnswer(w.as("E019", auth.ScopeSelf), v.ID, 1, SaveInput{Seq: 30, Answer: Response{Choices: []string{"B"}}})
		wantCode(t, err, apperr.NotFound)

		// reload: everything is there
		w.clock.Advance(10 * time.Minute)
		got, err := w.s.Attempt(learner, v.ID)
		check(t, err)
		if got.Answered != 5 || *got.RemainingSeconds != 1200 || got.Questions[0].Answer.Choices[0] != "A" || got.Questions[0].Seq != 20 {
			t.Fatalf("resume: answered %d, remaining %d, q1 %+v", got.Answered, *got.RemainingSeconds, got.Questions[0])
		}
		if got.Questions[3].Answer.Blanks[0] != "sku-key-91C2" || got.Questions[4].Answer.Text == "" {
			t.Fatalf("resume lost answers: %+v", got.Questions)
		}

		// submit: objective questions graded (single 2 + multiple partial 2×2/3 + tf 2 + fill 2), short pending
		sub, err := w.s.Submit(learner, v.ID)
		check(t, err)
		if sub.Status != AttemptSubmitted || sub.Result == nil || sub.Result.Score != 7.33 || sub.Result.PendingManual != 1 || sub.Result.Passed != nil {
			t.Fatalf("submit: %s %+v", sub.Status, sub.Result)
		}
		// after submission answers are refused with a clear error
		_, err = w.s.SaveAnswer(learner, v.ID, 2, SaveInput{Seq: 100, Answer: Response{Choices: []string{"A"}}})
		wantReason(t, err, apperr.Conflict, "attempt_submitted")
		// a retried submit answers the same state
		sub2, err := w.s.Submit(learner, v.ID)
		check(t, err)
		if sub2.Status != AttemptSubmitted || sub2.Result.Score != 7.33 {
			t.Fatalf("second submit changed the attempt: %+v", sub2.Result)
		}

		// a grader marks the short answer: 3 of 4 -> 10.33 of 12 = 86.1%, passed
		queue, n, err := w.s.ListGrading(w.admin(), GradingFilter{ExamID: e.ID})
		check(t, err)
		if n != 1 || queue[0].Answer == "" || queue[0].Rubric == "" {
			t.Fatalf("grading queue: %d %+v", n, queue)
		}
		_, err = w.s.GradeItem(w.admin(), queue[0].ID, GradeInput{Score: 5})
		wantCode(t, err, apperr.Invalid)
		g, err := w.s.GradeItem(w.admin(), queue[0].ID, GradeInput{Score: 3, Comment: "措施不够具体"})
		check(t, err)
		if g.Score == nil || *g.Score != 3 {
			t.Fatalf("graded item: %+v", g)
		}
		fin, err := w.s.Attempt(learner, v.ID)
		check(t, err)
		if fin.Status != AttemptGraded || fin.Result.Score != 10.33 || fin.Result.Percent != 86.1 || fin.Result.Passed == nil || !*fin.Result.Passed {
			t.Fatalf("after grading: %s %+v", fin.Status, fin.Result)
		}
		if _, n, _ := w.s.ListGrading(w.admin(), GradingFilter{ExamID: e.ID}); n != 0 {
			t.Fatalf("queue should be empty, has %d", n)
		}
	})
}

// saveAll answers questions 2-5 of the bank's paper (positions follow the
// bank order: no shuffling on fixed papers by default).
func saveAll(w *world, ctx context.Context, id int64) error {
	for _, s := range []struct {
		pos int
		r   Response
	}{
		{2, Response{Choices: []string{"A", "B"}}},
		{3, Response{Value: boolp(false)}},
		{4, Response{Blanks: []string{"sku-key-91C2"}}},
		{5, Response{Text: "分析退款原因，改进描述与质检。"}},
	} {
		if _, err := w.s.SaveAnswer(ctx, id, s.pos, SaveInput{Seq: 1, Answer: s.r}); err != nil {
			return err
		}
	}
	return nil
}

// TestTimeoutAutoSubmit: the server-side timer, with an injected clock.
func TestTimeoutAutoSubmit(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		e := w.exam(w.fixedPaper(w.bank()[:4], ""), ExamInput{TimeLimitMinutes: 20})
		a := w.as("E018", auth.ScopeSelf)
		b := w.as("E019", auth.ScopeSelf)
		va, _, err := w.s.StartAttempt(a, e.ID)
		check(t, err)
		vb, _, err := w.s.StartAttempt(b, e.ID)
		check(t, err)
		_, err = w.s.SaveAnswer(a, va.ID, 1, SaveInput{Seq: 1, Answer: Response{Choices: []string{"A"}}})
		check(t, err)
		deadline := *va.DeadlineAt

		// one second before the deadline an answer is still taken
		w.clock.Advance(20*time.Minute - time.Second)
		_, err = w.s.SaveAnswer(a, va.ID, 3, SaveInput{Seq: 1, Answer: Response{Value: boolp(false)}})
		check(t, err)
		// at the deadline it is refused, and the attempt is submitted lazily as of the deadline
		w.clock.Advance(time.Second)
		_, err = w.s.SaveAnswer(a, va.ID, 2, SaveInput{Seq: 1, Answer: Response{Choices: []string{"A", "B", "D"}}})
		wantReason(t, err, apperr.Conflict, "attempt_time_up")
		if p := err.(*apperr.Error).Reason.Params; p["deadline_at"] != deadline.UTC().Format(time.RFC3339) {
			t.Fatalf("time up params %v", p)
		}
		got, err := w.s.Attempt(a, va.ID)
		check(t, err)
		if got.Status != AttemptGraded || got.SubmitReason != SubmitTimeout || !got.SubmittedAt.Equal(deadline) || got.Result.Score != 4 {
			t.Fatalf("lazy timeout: %s %s %v %+v", got.Status, got.SubmitReason, got.SubmittedAt, got.Result)
		}

		// B never comes back: the sweep submits it
		n, err := w.s.Sweep(w.admin())
		check(t, err)
		if n != 1 {
			t.Fatalf("sweep submitted %d attempts, want 1", n)
		}
		gb, err := w.s.Attempt(b, vb.ID)
		check(t, err)
		if gb.Status != AttemptGraded || gb.SubmitReason != SubmitTimeout || gb.Result.Score != 0 {
			t.Fatalf("swept attempt: %s %s %+v", gb.Status, gb.SubmitReason, gb.Result)
		}
		if n, _ := w.s.Sweep(w.admin()); n != 0 {
			t.Fatalf("a second sweep found %d", n)
		}
	})
}

// TestWindowAndAttempts: refusals outside the window and beyond the allowed
// attempts; closing the exam submits attempts in progress.
func TestWindowAndAttempts(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		p := w.fixedPaper(w.bank()[:3], "")
		opens, closes := t0.Add(time.Hour), t0.Add(3*time.Hour)
		e := w.exam(p, ExamInput{OpensAt: &opens, ClosesAt: &closes, TimeLimitMinutes: 90, MaxAttempts: intp(1), ReviewPolicy: ReviewAfterClose})
		a := w.as("E018", auth.ScopeSelf)
		_, _, err := w.s.StartAttempt(a, e.ID)
		wantReason(t, err, apperr.Invalid, ReasonNotOpenYet) // not open yet
		mine, err := w.s.MyExams(a)
		check(t, err)
		if len(mine) != 1 || mine[0].CanStart || mine[0].ReasonCode != ReasonNotOpenYet || mine[0].ReasonParams["opens_at"] != opens.UTC().Format(time.RFC3339) {
			t.Fatalf("my exams before the window: %+v", mine)
		}

		w.clock.Advance(2 * time.Hour) // 1 h before the end: the deadline is capped by the window
		v, _, err := w.s.StartAttempt(a, e.ID)
		check(t, err)
		if !v.DeadlineAt.Equal(closes) {
			t.Fatalf("deadline %v, want the window's end %v", v.DeadlineAt, closes)
		}
		_, err = w.s.SaveAnswer(a, v.ID, 1, SaveInput{Seq: 1, Answer: Response{Choices: []string{"A"}}})
		check(t, err)
		sub, err := w.s.Submit(a, v.ID)
		check(t, err)
		if sub.Result != nil || sub.ReviewAvailable {
			t.Fatal("after_close: no score or review before the window closes")
		}
		_, err = w.s.MyReview(a, v.ID)
		wantReason(t, err, apperr.Forbidden, "review_after_close")
		_, _, err = w.s.StartAttempt(a, e.ID)
		wantReason(t, err, apperr.Invalid, ReasonNoAttemptsLeft) // no attempts left
		if mine, err = w.s.MyExams(a); err != nil || mine[0].ReasonCode != ReasonNoAttemptsLeft || mine[0].ReasonParams["max_attempts"] != 1 {
			t.Fatalf("my exams without attempts left: %+v %v", mine, err)
		}

		w.clock.Advance(time.Hour) // the window closed
		_, _, err = w.s.StartAttempt(w.as("E019", auth.ScopeSelf), e.ID)
		wantReason(t, err, apperr.Invalid, ReasonWindowClosed)
		rv, err := w.s.MyReview(a, v.ID)
		check(t, err)
		if len(rv.Items) != 3 || rv.Items[0].Key.Choices[0] != "A" {
			t.Fatalf("review after close: %+v", rv.Items)
		}

		// closing an exam submits the attempts in progress
		e2 := w.exam(p, ExamInput{Title: "无限时"})
		v2, _, err := w.s.StartAttempt(a, e2.ID)
		check(t, err)
		cur, err := w.s.Exam(w.admin(), e2.ID)
		check(t, err)
		_, err = w.s.CloseExam(w.admin(), e2.ID, cur.Version)
		check(t, err)
		got, err := w.s.Attempt(a, v2.ID)
		check(t, err)
		if got.Status != AttemptGraded || got.SubmitReason != SubmitClosed {
			t.Fatalf("closed exam left the attempt %s/%s", got.Status, got.SubmitReason)
		}
		_, err = w.s.SaveAnswer(a, v2.ID, 1, SaveInput{Seq: 5, Answer: Response{Choices: []string{"A"}}})
		wantReason(t, err, apperr.Conflict, "attempt_submitted")
		if p := err.(*apperr.Error).Reason.Params; p["submit_reason"] != SubmitClosed || p["submitted_at"] == "" {
			t.Fatalf("submitted params %v", p)
		}
	})
}

// TestAudience: only people in the audience may start.
func TestAudience(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		e := w.exam(w.fixedPaper(w.bank()[:2], ""), ExamInput{Audience: Audience{DepartmentIDs: []int64{w.dc.Departments["天猫组"]}}})
		_, _, err := w.s.StartAttempt(w.as("E010", auth.ScopeSelf), e.ID) // 客服部
		wantCode(t, err, apperr.NotFound)
		_, _, err = w.s.StartAttempt(w.as("E018", auth.ScopeSelf), e.ID) // 天猫组
		check(t, err)
		mine, err := w.s.MyExams(w.as("E010", auth.ScopeSelf))
		check(t, err)
		if len(mine) != 0 {
			t.Fatalf("E010 is offered %d exams", len(mine))
		}
		mine, err = w.s.MyExams(w.as("E002", auth.ScopeSelf))
		check(t, err)
		if len(mine) != 1 || !mine[0].CanStart {
			t.Fatalf("E002 (天猫组) should be able to start: %+v", mine)
		}
	})
}
