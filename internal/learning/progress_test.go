package learning

import (
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
)

// TestProgressBeacons: beacons through the service are idempotent, never
// run backwards, cut impossible jumps; a document counts after its minimum
// open time measured by the server; the course completes by its rule with a
// certificate and credited hours.
func TestProgressBeacons(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		c, doc, vid := w.publishedCourse("ON-1", "all_materials", 15)
		if vid.DurationSeconds != 6 {
			t.Fatalf("video length read from the file: %d", vid.DurationSeconds)
		}
		ctx := w.as("learner1")
		must(w.s.OpenMaterial(ctx, vid.ID))
		// opening enrolled the learner on the published course
		portal := must(w.s.MyPortal(ctx))
		if len(portal.Courses) != 1 || portal.Courses[0].Source != "self" {
			t.Fatalf("portal after open: %+v", portal.Courses)
		}
		w.clock.Advance(2 * time.Second)
		r := must(w.s.RecordBeacon(ctx, vid.ID, Beacon{PositionSeconds: 2, WatchedShare: 2.0 / 6}))
		if r.Clamped || r.Progress.WatchedShare < 0.33 || r.Progress.Completed {
			t.Fatalf("first beacon: %+v", r)
		}
		again := must(w.s.RecordBeacon(ctx, vid.ID, Beacon{PositionSeconds: 2, WatchedShare: 2.0 / 6}))
		if again.Progress.WatchedShare != r.Progress.WatchedShare || again.Clamped {
			t.Fatalf("repeated beacon changed progress: %+v", again)
		}
		back := must(w.s.RecordBeacon(ctx, vid.ID, Beacon{PositionSeconds: 0.5, WatchedShare: 0.1}))
		if back.Progress.WatchedShare != r.Progress.WatchedShare || back.Progress.PositionSeconds != 0.5 {
			t.Fatalf("backwards beacon: %+v", back)
		}
		jump := must(w.s.RecordBeacon(ctx, vid.ID, Beacon{PositionSeconds: 6, WatchedShare: 1}))
		if !jump.Clamped || jump.Progress.Completed {
			t.Fatalf("a jump to the end without time passing must be cut: %+v", jump)
		}
		// the document: a beacon before the minimum time does not count
		must(w.s.OpenMaterial(ctx, doc.ID))
		w.clock.Advance(10 * time.Second)
		if d := must(w.s.RecordBeacon(ctx, doc.ID, Beacon{})); d.Progress.Completed {
			t.Fatal("document counted after 10 s (minimum 30 s)")
		}
		w.clock.Advance(25 * time.Second)
		if d := must(w.s.RecordBeacon(ctx, doc.ID, Beacon{})); !d.Progress.Completed || d.CourseCompleted {
			t.Fatalf("document after 35 s: %+v", d)
		}
		// finishing the video in real time completes the course
		done := must(w.s.RecordBeacon(ctx, vid.ID, Beacon{PositionSeconds: 6, WatchedShare: 1}))
		if !done.Progress.Completed || !done.CourseCompleted {
			t.Fatalf("video finished: %+v", done)
		}
		cert := must(w.s.MyCertificate(ctx, c.ID))
		if cert.HoursTenths != 15 || cert.Hours != "1.5" || len(cert.Code) != 14 || cert.EmployeeName != "何雪" {
			t.Fatalf("certificate: %+v", cert)
		}
		if v := must(w.s.VerifyCertificate(w.as("manager"), cert.Code)); v.CourseCode != "ON-1" {
			t.Fatalf("verify: %+v", v)
		}
		portal = must(w.s.MyPortal(ctx))
		if portal.Hours.TotalTenths != 15 || portal.Hours.CourseTenths != 15 || portal.Courses[0].CompletedAt == nil {
			t.Fatalf("portal after completion: %+v", portal)
		}
		// more beacons after completion change nothing and credit nothing twice
		must(w.s.RecordBeacon(ctx, vid.ID, Beacon{PositionSeconds: 1, WatchedShare: 0.2}))
		if n := countRows(t, w, "learning_hours"); n != 1 {
			t.Fatalf("%d ledger lines", n)
		}
		// an unpublished course's material is not found for learners
		draft := must(w.s.CreateCourse(ctxSystem(), Course{Code: "DR-1", Title: "草稿", Category: "other", Status: "draft"}))
		m := must(w.s.AddMaterial(ctxSystem(), draft.ID, MaterialMeta{Kind: "document"}, bytesOf(demoPDF("x", nil)), "x.pdf"))
		_, err := w.s.OpenMaterial(ctx, m.ID)
		wantCode(t, err, apperr.NotFound)
		_, err = w.s.MaterialFile(ctx, m.ID)
		wantCode(t, err, apperr.NotFound)
	})
}

// TestMinShareRule: a course with the min_share rule completes when the
// share of required materials is reached.
func TestMinShareRule(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		c, doc, _ := w.publishedCourse("ON-2", "min_share", 10)
		ctx := w.as("learner2")
		must(w.s.EnrolCourse(ctx, c.ID))
		must(w.s.OpenMaterial(ctx, doc.ID))
		w.clock.Advance(31 * time.Second)
		r := must(w.s.RecordBeacon(ctx, doc.ID, Beacon{}))
		if !r.CourseCompleted {
			t.Fatalf("1 of 2 materials with min 50 %%: %+v", r)
		}
	})
}
