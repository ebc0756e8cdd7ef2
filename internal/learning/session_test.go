package learning

import (
	"context"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
)

func (w *world) session(capacity int, waitlist, selfEnrol, walkIn bool, startsIn time.Duration) Session {
	w.t.Helper()
	start := w.clock.Now().Add(startsIn)
	trainer := w.emp("E017")
	return must(w.s.CreateSession(context.Background(), Session{Title: "店铺运营实战", StartsAt: start, EndsAt: start.Add(2 * time.Hour),
		Place: "3F 培训室", LecturerEmployeeID: &trainer, Capacity: capacity, Waitlist: waitlist, SelfEnrol: selfEnrol, WalkIn: walkIn, HoursTenths: 20}))
}

func statuses(t *testing.T, w *world, sessionID int64) map[string]string {
	items, _, err := w.s.ListEnrolments(context.Background(), sessionID, EnrolmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range items {
		for no, id := range w.dc.Employees {
			if id == e.EmployeeID {
				out[no] = e.Status
			}
		}
	}
	return out
}

// TestEnrolmentCapacity: assignment is all or nothing when the seats do not
// suffice and there is no waitlist; with a waitlist the overflow waits and
// moves up in order when seats free up; self-enrolment needs approval.
func TestEnrolmentCapacity(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		ctx := w.as("trainer")
		tm := w.dc.Departments["天猫组"] // E002 E003 E004 E018 E021
		x := w.session(3, false, true, false, 48*time.Hour)
		_, err := w.s.AssignSession(ctx, x.ID, Audience{DepartmentIDs: []int64{tm}})
		wantCode(t, err, apperr.Invalid)
		if n := countRows(t, w, "learning_enrolments"); n != 0 {
			t.Fatalf("a refused assignment enrolled %d", n)
		}
		res := must(w.s.AssignSession(ctx, x.ID, Audience{EmployeeIDs: []int64{w.emp("E002"), w.emp("E003")}}))
		if res.Enrolled != 2 {
			t.Fatalf("assign two: %+v", res)
		}
		again := must(w.s.AssignSession(ctx, x.ID, Audience{EmployeeIDs: []int64{w.emp("E002")}}))
		if again.Already != 1 || again.Enrolled != 0 {
			t.Fatalf("assign again: %+v", again)
		}
		// self-enrolment: pending until approved; approval takes the last seat
		req := must(w.s.RequestSeat(w.as("learner1"), x.ID))
		if req.Status != "pending" {
			t.Fatalf("request: %+v", req)
		}
		if ok := must(w.s.DecideEnrolment(ctx, req.ID, true, "")); ok.Status != "enrolled" {
			t.Fatalf("approve: %+v", ok)
		}
		req2 := must(w.s.RequestSeat(w.as("learner2"), x.ID))
		_, err = w.s.DecideEnrolment(ctx, req2.ID, true, "")
		wantReason(t, err, apperr.Invalid, "session_full") // full, no waitlist
		if no := must(w.s.DecideEnrolment(ctx, req2.ID, false, "名额已满")); no.Status != "rejected" {
			t.Fatalf("decline: %+v", no)
		}
		_, err = w.s.RequestSeat(w.as("learner2"), x.ID)
		wantReason(t, err, apperr.Invalid, "enrolment_declined") // declined stays declined

		// with a waitlist: the overflow waits and moves up in order
		y := w.session(2, true, false, false, 48*time.Hour)
		res = must(w.s.AssignSession(ctx, y.ID, Audience{DepartmentIDs: []int64{tm}}))
		if res.Enrolled != 2 || res.Waitlisted != 3 {
			t.Fatalf("waitlist assignment: %+v", res)
		}
		st := statuses(t, w, y.ID)
		if st["E002"] != "enrolled" || st["E003"] != "enrolled" || st["E004"] != "waitlisted" {
			t.Fatalf("seats go in id order: %v", st)
		}
		must(struct{}{}, w.s.LeaveSession(w.as("ops1"), y.ID)) // E002 gives up the seat
		st = statuses(t, w, y.ID)
		if st["E002"] != "cancelled" || st["E004"] != "enrolled" || st["E018"] != "waitlisted" {
			t.Fatalf("after leaving: %v", st)
		}
		// raising the capacity promotes the waitlist; lowering below the enrolled is refused
		y.Capacity, y.Version = 4, 1
		y = must(w.s.UpdateSession(ctx, y.ID, y))
		if y.Enrolled != 4 || y.Waitlisted != 0 {
			t.Fatalf("capacity raised: enrolled %d waitlisted %d", y.Enrolled, y.Waitlisted)
		}
		y.Capacity = 2
		_, err = w.s.UpdateSession(ctx, y.ID, y)
		wantCode(t, err, apperr.Invalid)
		// enrolment notices reached the outbox for people with a login
		if n := countRows(t, w, "notifications"); n == 0 {
			t.Fatal("no in-app notices recorded")
		}
	})
}

// TestAttendanceAndHours: the roll call marks enrolled people only, present
// credits the session's hours once, absent removes them; completing the
// session closes attendance.
func TestAttendanceAndHours(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		ctx := w.as("trainer")
		x := w.session(0, false, false, false, time.Hour)
		must(w.s.AssignSession(ctx, x.ID, Audience{EmployeeIDs: []int64{w.emp("E018"), w.emp("E019")}}))
		roll := []RollCallItem{{EmployeeID: w.emp("E018"), Attendance: "present"}}
		_, err := w.s.RollCall(ctx, x.ID, roll)
		wantReason(t, err, apperr.Invalid, "attendance_not_open") // attendance opens 30 minutes before the start
		w.clock.Advance(45 * time.Minute)
		_, err = w.s.RollCall(ctx, x.ID, append(roll, RollCallItem{EmployeeID: w.emp("E002"), Attendance: "present"}))
		wantCode(t, err, apperr.Invalid) // E002 is not enrolled: nothing recorded
		if n := countRows(t, w, "learning_hours"); n != 0 {
			t.Fatal("a refused roll call credited hours")
		}
		must(w.s.RollCall(ctx, x.ID, roll))
		must(w.s.RollCall(ctx, x.ID, roll)) // twice: still one ledger line
		hours := must(w.s.MyPortal(w.as("learner1"))).Hours
		if hours.SessionTenths != 20 || countRows(t, w, "learning_hours") != 1 {
			t.Fatalf("hours after present: %+v", hours)
		}
		must(w.s.RollCall(ctx, x.ID, []RollCallItem{{EmployeeID: w.emp("E018"), Attendance: "absent"}}))
		if n := countRows(t, w, "learning_hours"); n != 0 {
			t.Fatal("absent kept the hours")
		}
		must(w.s.RollCall(ctx, x.ID, roll))
		_, err = w.s.CompleteSession(ctx, x.ID)
		wantReason(t, err, apperr.Invalid, "session_not_ended") // not ended yet
		w.clock.Advance(3 * time.Hour)
		done := must(w.s.CompleteSession(ctx, x.ID))
		if done.Status != "completed" || done.DeliveredAt == nil || done.Present != 1 {
			t.Fatalf("completed: %+v", done)
		}
		st, _, _ := w.s.ListEnrolments(context.Background(), x.ID, EnrolmentFilter{Attendance: "absent"})
		if len(st) != 1 || st[0].EmployeeID != w.emp("E019") {
			t.Fatalf("the unmarked participant became absent: %+v", st)
		}
	})
}

// TestQRCheckin: the code shown in the room checks the signed-in learner
// in while it is fresh; an expired or forged code does not; walk-ins are
// enrolled at the door when the session allows it.
func TestQRCheckin(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		ctx := w.as("trainer")
		x := w.session(0, false, false, false, 20*time.Minute)
		must(w.s.AssignSession(ctx, x.ID, Audience{EmployeeIDs: []int64{w.emp("E018")}}))
		code := must(w.s.CheckinCode(ctx, x.ID, "https://ecomops.example.com"))
		if code.URL != "https://ecomops.example.com/checkin/"+code.Token || len(code.QRPNG) < 100 || code.RefreshAfter < 1 || code.RefreshAfter > 30 {
			t.Fatalf("code: %+v", code)
		}
		learner := w.as("learner1")
		view := must(w.s.CheckinSummary(learner, code.Token))
		if !view.TokenValid || !view.CanCheckIn || view.MyStatus != "enrolled" || view.Title != x.Title {
			t.Fatalf("summary: %+v", view)
		}
		// someone not enrolled cannot check in here (no walk-ins)
		_, err := w.s.CheckIn(w.as("learner2"), code.Token)
		wantCode(t, err, apperr.Invalid)
		// after the validity (90 s) the code is expired
		w.clock.Advance(91 * time.Second)
		if v := must(w.s.CheckinSummary(learner, code.Token)); v.TokenValid || v.Reason != "expired" {
			t.Fatalf("expired summary: %+v", v)
		}
		_, err = w.s.CheckIn(learner, code.Token)
		wantCode(t, err, apperr.Invalid)
		// a forged token is not found
		_, err = w.s.CheckIn(learner, code.Token[:len(code.Token)-2]+"AA")
		wantCode(t, err, apperr.NotFound)
		// a fresh code works, twice is harmless, hours credited once
		fresh := must(w.s.CheckinCode(ctx, x.ID, "https://ecomops.example.com"))
		v := must(w.s.CheckIn(learner, fresh.Token))
		if v.Attendance != "present" || v.CheckedInAt == nil || v.Reason != "already" {
			t.Fatalf("checked in: %+v", v)
		}
		must(w.s.CheckIn(learner, fresh.Token))
		if n := countRows(t, w, "learning_hours"); n != 1 {
			t.Fatalf("%d ledger lines after two check-ins", n)
		}
		// walk-in session: a non-enrolled learner is enrolled at the door
		y := w.session(1, false, false, true, 10*time.Minute)
		wc := must(w.s.CheckinCode(ctx, y.ID, "http://localhost"))
		if v := must(w.s.CheckIn(w.as("learner2"), wc.Token)); v.MyStatus != "enrolled" || v.Attendance != "present" {
			t.Fatalf("walk-in: %+v", v)
		}
		_, err = w.s.CheckIn(w.as("learner1"), wc.Token) // the one seat is taken
		wantCode(t, err, apperr.Invalid)
		// a token of one session never checks into another
		if id, _, _ := parseToken(wc.Token); id != y.ID {
			t.Fatal("token names the wrong session")
		}
	})
}
