package assessment

import (
	"fmt"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/training"
)

// TestFeedbackReminders: the built-in form goes to the present attendees,
// anonymous; non-responders are reminded in-app at most once a day, by hand
// or by the hourly job from the day after the session.
func TestFeedbackReminders(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		ctx := w.admin()
		_, x := w.courseSession("E018", "E019", "E002")
		fb, err := w.s.CreateFeedback(ctx, x.ID, FeedbackInput{})
		check(t, err)
		if len(fb.Questionnaire.Items) != 6 || fb.Questionnaire.Items[0].Kind != training.KindLikert || fb.Questionnaire.Invited != 3 {
			t.Fatalf("form: %d items, invited %d", len(fb.Questionnaire.Items), fb.Questionnaire.Invited)
		}
		_, err = w.s.CreateFeedback(ctx, x.ID, FeedbackInput{})
		wantReason(t, err, apperr.Conflict, "feedback_exists")
		five := 5
		var ans []training.ItemAnswer
		for _, it := range fb.Questionnaire.Items[:4] {
			ans = append(ans, training.ItemAnswer{ItemID: it.ID, Value: &five})
		}
		check(t, w.s.Training.SubmitResponse(ctx, fb.Form.QuestionnaireID, w.dc.Employees["E018"], ans))

		n, err := w.s.RemindFeedback(ctx, x.ID)
		check(t, err)
		if n != 2 {
			t.Fatalf("reminded %d, want the 2 non-responders", n)
		}
		notes := countRows(t, w, "notifications")
		if notes != 2 {
			t.Fatalf("%d notifications", notes)
		}
		// the reminder opens the answer page of the form (not an alias)
		var links []string
		check(t, w.d.R.NewSelect().TableExpr("notifications").Column("link").Where("kind = ?", "assessment.feedback").Scan(ctx, &links))
		want := fmt.Sprintf("/training/surveys/%d/answer", fb.Form.QuestionnaireID)
		if len(links) != 2 || links[0] != want || links[1] != want {
			t.Fatalf("links %v, want %s", links, want)
		}
		// the same day again: no new notice (dedupe key holds the date)
		_, err = w.s.RemindFeedback(ctx, x.ID)
		check(t, err)
		if countRows(t, w, "notifications") != notes {
			t.Fatal("reminded twice the same day")
		}
		// the hourly job: only from a day after the session's end, then at most once a day
		if n, _ := w.s.RemindDueFeedback(ctx); n != 0 {
			t.Fatalf("job reminded %d on the day of the session", n)
		}
		w.clock.Advance(33 * time.Hour)
		n, err = w.s.RemindDueFeedback(ctx)
		check(t, err)
		if n != 2 || countRows(t, w, "notifications") != 4 {
			t.Fatalf("next day: reminded %d", n)
		}
		if n, _ := w.s.RemindDueFeedback(ctx); n != 0 {
			t.Fatalf("job reminded %d twice within a day", n)
		}
		st, err := w.s.Feedback(ctx, x.ID)
		check(t, err)
		if st.NonResponders != 2 || st.Results.Responses != 1 {
			t.Fatalf("status: %+v", st)
		}
	})
}
