package learning

import (
	"bytes"
	"context"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
)

func externalReq(start, end string) External {
	return External{Provider: "淘宝教育", CourseTitle: "直播电商运营", StartsOn: start, EndsOn: end, HoursTenths: 80, CostFen: 150000,
		Category: "marketing", Reason: "开播准备"}
}

// TestExternalReportDue: approval, confirmed attendance, the report due 7
// days after the end (the setting), reminders before and after it sent
// once per day, overdue from the day after, review with rework and approval
// into the library. Dates move with an injected clock.
func TestExternalReportDue(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		learner, manager, hr := w.as("ops1"), w.as("manager", "learning:external:approve"), w.as("hradmin")
		x := must(w.s.RequestExternal(learner, externalReq("2026-11-03", "2026-11-04")))
		if x.Status != "requested" || x.EmployeeID != w.emp("E002") {
			t.Fatalf("request: %+v", x)
		}
		_, err := w.s.DecideExternal(learner, x.ID, true, "")
		wantReason(t, err, apperr.Invalid, "own_request") // nobody approves their own request
		_, err = w.s.DecideExternal(manager, x.ID, false, "")
		wantCode(t, err, apperr.Invalid) // a rejection needs a reason
		x = must(w.s.DecideExternal(manager, x.ID, true, "同意"))
		_, err = w.s.ConfirmAttendance(manager, x.ID)
		wantReason(t, err, apperr.Invalid, "external_not_started") // the course has not started (today is 2026-11-02)
		w.clock.Advance(3 * 24 * time.Hour)                        // 2026-11-05
		x = must(w.s.ConfirmAttendance(manager, x.ID))
		if x.Status != "attended" || x.ReportDueOn != "2026-11-11" {
			t.Fatalf("attended: %+v", x)
		}
		if h := must(w.s.MyPortal(learner)); len(h.ReportsDue) != 1 || h.ReportsDue[0].DaysLeft != 6 || h.Hours.ExternalTenth != 80 {
			t.Fatalf("portal: %+v", h)
		}
		remind := func() int { return must(w.s.RunReportReminders(context.Background())) }
		if n := remind(); n != 0 {
			t.Fatalf("6 days ahead: %d reminders", n)
		}
		w.clock.Advance(3 * 24 * time.Hour) // 2026-11-08: 3 days left
		if n := remind(); n != 1 {
			t.Fatalf("3 days ahead: %d reminders", n)
		}
		if n := remind(); n != 0 {
			t.Fatalf("second run on the same day sent %d", n)
		}
		w.clock.Advance(4 * 24 * time.Hour) // 2026-11-12: one day overdue
		if n := remind(); n != 2 {
			t.Fatalf("first overdue day: %d reminders (learner + manager)", n)
		}
		over := list(w.s.ListExternal(manager, ExternalFilter{Overdue: true}))
		if len(over) != 1 || over[0].DaysOverdue != 1 {
			t.Fatalf("overdue list: %+v", over)
		}
		// the report: draft, submit, returned (due again in 7 days), approved
		r := must(w.s.SaveReport(learner, x.ID, ReportInput{Learned: "直播间排品与话术"}))
		_, err = w.s.SubmitReport(learner, r.ID, r.Version)
		wantCode(t, err, apperr.Invalid) // application missing
		r = must(w.s.SaveReport(learner, x.ID, ReportInput{Learned: "直播间排品与话术", Application: "下月起每周两场直播", Version: r.Version}))
		must(w.s.AttachToReport(learner, r.ID, bytes.NewReader(demoPDF("notes", nil)), "笔记.pdf"))
		r = must(w.s.SubmitReport(learner, r.ID, r.Version))
		if over := list(w.s.ListExternal(manager, ExternalFilter{Overdue: true})); len(over) != 0 {
			t.Fatal("a submitted report is not overdue")
		}
		_, err = w.s.ReviewReport(manager, r.ID, false, "")
		wantCode(t, err, apperr.Invalid)
		r = must(w.s.ReviewReport(manager, r.ID, false, "请补充数据目标"))
		if xr := must(w.s.External(learner, x.ID)); r.Status != "returned" || xr.ReportDueOn != "2026-11-19" {
			t.Fatalf("returned: %s due %s", r.Status, xr.ReportDueOn)
		}
		if lib := list(w.s.Library(hr, LibraryFilter{Q: "排品"})); len(lib) != 0 {
			t.Fatal("a returned report is in the library")
		}
		r = must(w.s.SubmitReport(learner, r.ID, r.Version))
		r = must(w.s.ReviewReport(manager, r.ID, true, "很好"))
		if r.Status != "approved" || r.SharedAt == nil {
			t.Fatalf("approved: %+v", r)
		}
		if xr := must(w.s.External(learner, x.ID)); xr.Status != "completed" {
			t.Fatalf("request after approval: %s", xr.Status)
		}
		// the library finds it by any of its words, for everyone
		for _, q := range []string{"排品", "每周两场", "淘宝教育", "直播 话术"} {
			lib := list(w.s.Library(w.as("learner2"), LibraryFilter{Q: q}))
			if len(lib) != 1 || len(lib[0].Attachments) != 1 {
				t.Fatalf("library %q: %d hits", q, len(lib))
			}
		}
		if lib := list(w.s.Library(hr, LibraryFilter{Q: "100%_"})); len(lib) != 0 {
			t.Fatal("LIKE wildcards in the query must be literal")
		}
		// everyone can open the shared report's file
		a := list(w.s.Library(w.as("learner2"), LibraryFilter{}))[0].Attachments[0]
		must(w.s.AttachmentFile(w.as("learner2"), a.ID))
		// cost against the plan
		costs := must(w.s.Costs(hr, 2026))
		if costs.TotalFen != 150000 || costs.UnplannedFn != 150000 || len(costs.ByCategory) == 0 {
			t.Fatalf("costs: %+v", costs)
		}
	})
}

// TestExternalScope: a manager sees and decides on their departments'
// requests only; others read as not found. Learners see only their own.
func TestExternalScope(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		mine := must(w.s.RequestExternal(w.as("ops1"), externalReq("2026-11-20", "2026-11-21"))) // 天猫组, under 运营部
		other := must(w.s.RequestExternal(w.as("cs1"), externalReq("2026-11-20", "2026-11-21"))) // 客服部
		manager := w.as("manager", "learning:external:approve", "learning:external:review")      // 运营部 and below
		items := list(w.s.ListExternal(manager, ExternalFilter{}))
		if len(items) != 1 || items[0].ID != mine.ID {
			t.Fatalf("manager's list: %+v", items)
		}
		_, err := w.s.External(manager, other.ID)
		wantCode(t, err, apperr.NotFound)
		_, err = w.s.DecideExternal(manager, other.ID, true, "")
		wantCode(t, err, apperr.NotFound)
		_, err = w.s.External(w.as("learner1"), mine.ID)
		wantCode(t, err, apperr.NotFound)
		if own := list(w.s.ListMyExternal(w.as("learner1"), ExternalFilter{})); len(own) != 0 {
			t.Fatalf("learner1 sees %d requests", len(own))
		}
		must(w.s.External(w.as("hradmin"), other.ID)) // HR sees everyone
	})
}

// TestProgressScope: a manager sees their department's learners only; an
// employee outside it is not found.
func TestProgressScope(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		c, _, _ := w.publishedCourse("SC-1", "all_materials", 10)
		must(w.s.AssignCourse(context.Background(), c.ID, Audience{EmployeeIDs: []int64{w.emp("E002"), w.emp("E010")}}, "2026-11-01"))
		manager := w.as("manager")
		rows := list(w.s.TeamProgress(manager, ProgressFilter{}))
		if len(rows) != 1 || rows[0].EmployeeID != w.emp("E002") || !rows[0].Overdue || rows[0].Status != "not_started" {
			t.Fatalf("manager's rows: %+v", rows)
		}
		_, err := w.s.Learner(manager, w.emp("E010"), 0)
		wantCode(t, err, apperr.NotFound)
		if l := must(w.s.Learner(manager, w.emp("E002"), 0)); len(l.Courses) != 1 {
			t.Fatalf("learner record: %+v", l)
		}
		all := list(w.s.TeamProgress(w.as("hradmin"), ProgressFilter{Overdue: true}))
		if len(all) != 2 {
			t.Fatalf("HR's overdue learners: %d", len(all))
		}
		// a manager cannot assign outside their scope
		_, err = w.s.AssignCourse(manager, c.ID, Audience{EmployeeIDs: []int64{w.emp("E011")}}, "")
		wantCode(t, err, apperr.Invalid)
	})
}
