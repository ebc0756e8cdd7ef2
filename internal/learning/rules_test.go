package learning

import (
	"testing"
	"time"
)

func TestSeatFor(t *testing.T) {
	for _, c := range []struct {
		capacity, enrolled int
		waitlist           bool
		want               string
		ok                 bool
	}{
		{0, 500, false, "enrolled", true}, // unlimited
		{10, 9, false, "enrolled", true},
		{10, 10, false, "", false},
		{10, 10, true, "waitlisted", true},
		{10, 12, true, "waitlisted", true},
	} {
		got, ok := seatFor(c.capacity, c.enrolled, c.waitlist)
		if got != c.want || ok != c.ok {
			t.Errorf("seatFor(%d, %d, %v) = %q %v, want %q %v", c.capacity, c.enrolled, c.waitlist, got, ok, c.want, c.ok)
		}
	}
	if freeSeats(0, 3) != -1 || freeSeats(5, 3) != 2 || freeSeats(5, 7) != 0 {
		t.Error("freeSeats")
	}
}

// TestVideoBeaconRules: the watched share is the largest seen (never
// backwards), a repeated beacon changes nothing, the position moves freely,
// and a share growing faster than 2× the wall clock since the last beacon is
// cut to that bound.
func TestVideoBeaconRules(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)
	st := VideoState{Since: t0} // opened at t0
	// 10 s later, 8 s of a 100 s video watched: fine (bound 20 s)
	st, clamped := ApplyVideoBeacon(st, Beacon{PositionSeconds: 8, WatchedShare: 0.08}, 100, t0.Add(10*time.Second))
	if clamped || st.WatchedPermille != 80 || st.PositionMS != 8000 {
		t.Fatalf("normal beacon: %+v clamped=%v", st, clamped)
	}
	// the same beacon again: nothing changes
	again, clamped := ApplyVideoBeacon(st, Beacon{PositionSeconds: 8, WatchedShare: 0.08}, 100, t0.Add(10*time.Second))
	if clamped || again.WatchedPermille != 80 || again.PositionMS != 8000 {
		t.Fatalf("repeated beacon: %+v", again)
	}
	// seeking back: position moves, share stays
	back, _ := ApplyVideoBeacon(st, Beacon{PositionSeconds: 2, WatchedShare: 0.03}, 100, t0.Add(15*time.Second))
	if back.WatchedPermille != 80 || back.PositionMS != 2000 {
		t.Fatalf("seek back: %+v", back)
	}
	// 5 s later the player claims 90 %: at most 10 s more can have been watched
	jump, clamped := ApplyVideoBeacon(back, Beacon{PositionSeconds: 90, WatchedShare: 0.9}, 100, t0.Add(20*time.Second))
	if !clamped || jump.WatchedPermille != 180 || jump.Completed {
		t.Fatalf("impossible jump: %+v clamped=%v", jump, clamped)
	}
	// spamming the same claim at the same instant gains nothing more
	spam, _ := ApplyVideoBeacon(jump, Beacon{PositionSeconds: 90, WatchedShare: 0.9}, 100, t0.Add(20*time.Second))
	if spam.WatchedPermille != 180 {
		t.Fatalf("spam: %+v", spam)
	}
	// watching on to 96 % in real time completes it
	done, clamped := ApplyVideoBeacon(spam, Beacon{PositionSeconds: 96, WatchedShare: 0.96}, 100, t0.Add(120*time.Second))
	if clamped || !done.Completed || done.WatchedPermille != 960 {
		t.Fatalf("complete: %+v clamped=%v", done, clamped)
	}
	// out-of-range values are clamped to the video
	odd, _ := ApplyVideoBeacon(done, Beacon{PositionSeconds: 500, WatchedShare: 3}, 100, t0.Add(400*time.Second))
	if odd.PositionMS != 100000 || odd.WatchedPermille != 1000 {
		t.Fatalf("out of range: %+v", odd)
	}
	// a state without any reference time allows no growth at all
	none, clamped := ApplyVideoBeacon(VideoState{}, Beacon{WatchedShare: 0.5}, 100, t0)
	if !clamped || none.WatchedPermille != 0 {
		t.Fatalf("no open: %+v", none)
	}
}

func TestDocumentAndCourseRules(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)
	if DocumentRead(nil, t0, 30) || DocumentRead(&t0, t0.Add(29*time.Second), 30) || !DocumentRead(&t0, t0.Add(30*time.Second), 30) {
		t.Error("DocumentRead")
	}
	for _, c := range []struct {
		rule               string
		pct, counted, done int
		want               bool
	}{
		{"all_materials", 100, 3, 3, true}, {"all_materials", 100, 3, 2, false}, {"all_materials", 100, 0, 0, false},
		{"min_share", 60, 5, 3, true}, {"min_share", 60, 5, 2, false}, {"min_share", 50, 3, 2, true},
		{"exam", 100, 3, 3, false},
	} {
		if got := CourseComplete(c.rule, c.pct, c.counted, c.done); got != c.want {
			t.Errorf("CourseComplete(%s, %d, %d, %d) = %v", c.rule, c.pct, c.counted, c.done, got)
		}
	}
	if FormatHours(15) != "1.5" || FormatHours(20) != "2" || FormatHours(0) != "0" {
		t.Error("FormatHours")
	}
}

func TestDueAndOverdue(t *testing.T) {
	if dueDate("2026-11-05", 7) != "2026-11-12" || dueDate("2026-12-28", 7) != "2027-01-04" {
		t.Error("dueDate")
	}
	for _, c := range []struct {
		status, report, due, today string
		want                       int
	}{
		{"attended", "", "2026-11-12", "2026-11-12", 0},
		{"attended", "", "2026-11-12", "2026-11-13", 1},
		{"attended", "draft", "2026-11-12", "2026-11-20", 8},
		{"attended", "returned", "2026-11-12", "2026-11-20", 8},
		{"attended", "submitted", "2026-11-12", "2026-11-20", 0}, // waiting for the reviewer, not the learner
		{"completed", "approved", "2026-11-12", "2026-11-20", 0},
		{"approved", "", "", "2026-11-20", 0},
	} {
		if got := Overdue(c.status, c.report, c.due, c.today); got != c.want {
			t.Errorf("Overdue(%+v) = %d, want %d", c, got, c.want)
		}
	}
}

func TestSelectReminders(t *testing.T) {
	items := []DueItem{{ExternalID: 1, EmployeeID: 10, ManagerID: 20, DueOn: "2026-11-12"}}
	kinds := func(today string) []string {
		var out []string
		for _, r := range SelectReminders(items, today, []int{3, 1}, 3) {
			out = append(out, r.Kind+":"+string(rune('0'+r.Days))+"@"+string(rune('0'+r.EmployeeID/10)))
		}
		return out
	}
	for today, want := range map[string][]string{
		"2026-11-08": nil,
		"2026-11-09": {"due_soon:3@1"},
		"2026-11-10": nil,
		"2026-11-11": {"due_soon:1@1"},
		"2026-11-12": {"due_today:0@1"},
		"2026-11-13": {"overdue:1@1", "overdue:1@2"}, // the manager gets a copy
		"2026-11-14": nil,
		"2026-11-16": {"overdue:4@1", "overdue:4@2"},
	} {
		got := kinds(today)
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v", today, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: %v, want %v", today, got, want)
			}
		}
	}
	a := SelectReminders(items, "2026-11-13", []int{3, 1}, 3)
	b := SelectReminders([]DueItem{{ExternalID: 1, EmployeeID: 10, DueOn: "2026-11-20"}}, "2026-11-21", []int{3, 1}, 3)
	if a[0].DedupeKey == b[0].DedupeKey {
		t.Error("a new due date (returned report) must give new dedupe keys")
	}
}

// TestCheckinTokens: a token verifies with its session's secret while it is
// younger than the validity, expires after, and is refused when forged,
// mangled or signed for another session.
func TestCheckinTokens(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 1, 0, 7, 0, time.UTC)
	secret, other := newSecret(), newSecret()
	tok, window := issueToken(42, secret, t0, 30*time.Second)
	if !window.Equal(time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)) {
		t.Fatalf("window %v", window)
	}
	if id, issued, ok := parseToken(tok); !ok || id != 42 || !issued.Equal(window) {
		t.Fatalf("parse: %d %v %v", id, issued, ok)
	}
	valid := 90 * time.Second
	if st, exp := verifyToken(tok, secret, t0.Add(60*time.Second), valid); st != TokenValid || !exp.Equal(window.Add(valid)) {
		t.Errorf("fresh token: %v %v", st, exp)
	}
	if st, _ := verifyToken(tok, secret, window.Add(valid), valid); st != TokenExpired {
		t.Errorf("expired token: %v", st)
	}
	if st, _ := verifyToken(tok, other, t0, valid); st != TokenBad {
		t.Errorf("another session's secret: %v", st)
	}
	b := []byte(tok)
	b[len(b)-1] ^= 1
	if st, _ := verifyToken(string(b), secret, t0, valid); st != TokenBad {
		t.Errorf("mangled token: %v", st)
	}
	future, _ := issueToken(42, secret, t0.Add(time.Hour), 30*time.Second)
	if st, _ := verifyToken(future, secret, t0, valid); st != TokenBad {
		t.Errorf("token from the future: %v", st)
	}
	if _, _, ok := parseToken("not-a-token"); ok {
		t.Error("garbage parsed")
	}
}
