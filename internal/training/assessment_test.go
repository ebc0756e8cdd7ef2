package training

import (
	"testing"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

// rateAll gives every competency of a sheet the same level as role.
func rateAll(t *testing.T, f *fixture, rater string, pid int64, level func(required int) int, submit bool) Sheet {
	t.Helper()
	ctx := f.as(rater, auth.ScopeSelf)
	sh, err := f.svc.MySheet(ctx, pid)
	check(t, err)
	var in RateInput
	for _, r := range sh.Ratings {
		in.Ratings = append(in.Ratings, LevelInput{CompetencyID: r.CompetencyID, Level: level(r.RequiredLevel)})
	}
	in.Submit = submit
	out, err := f.svc.Rate(ctx, pid, in)
	check(t, err)
	return out
}

func participantOf(t *testing.T, f *fixture, roundID int64, no string) Participant {
	t.Helper()
	ps, _, err := f.svc.ListParticipants(f.ctx(), roundID, ParticipantFilter{})
	check(t, err)
	for _, p := range ps {
		if p.EmployeeID == f.emp[no] {
			return p
		}
	}
	t.Fatalf("%s is not a participant", no)
	return Participant{}
}

// TestAssessmentRound: who takes part, who may rate what, the agreed level
// defaulting to the manager's rating, gaps, needs created once, the heat map.
func TestAssessmentRound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := f.ctx()
		r, err := f.svc.CreateRound(ctx, Round{Name: "2026 H1", DepartmentIDs: []int64{f.dept["运营部"]}, PositionIDs: []int64{f.pos["ops"]}})
		check(t, err)
		r, err = f.svc.OpenRound(ctx, r.ID, r.Version)
		check(t, err)
		if r.Participants != 2 { // A and B: ops in 天猫组 under 运营部; M is ops_manager, C is outside
			t.Fatalf("participants %d", r.Participants)
		}
		a, b := participantOf(t, f, r.ID, "A"), participantOf(t, f, r.ID, "B")

		// A rates only A (self), M only their reports (manager); C reaches nothing
		wantCode(t, errOf(f.svc.MySheet(f.as("C", auth.ScopeSelf), a.ID)), apperr.NotFound)
		wantCode(t, errOf(f.svc.Rate(f.as("B", auth.ScopeSelf), a.ID, RateInput{})), apperr.NotFound)
		sheets, err := f.svc.MySheets(f.as("M", auth.ScopeSelf))
		check(t, err)
		if len(sheets) != 2 || sheets[0].Role != RoleManager {
			t.Fatalf("manager's sheets: %+v", sheets)
		}
		// submitting an incomplete sheet is refused
		sh, err := f.svc.MySheet(f.as("A", auth.ScopeSelf), a.ID)
		check(t, err)
		_, err = f.svc.Rate(f.as("A", auth.ScopeSelf), a.ID, RateInput{Ratings: []LevelInput{{CompetencyID: sh.Ratings[0].CompetencyID, Level: 3}}, Submit: true})
		if fieldOf(err) != "body.ratings" {
			t.Fatalf("incomplete submit: %v", err)
		}
		_, err = f.svc.Rate(f.as("A", auth.ScopeSelf), a.ID, RateInput{Ratings: []LevelInput{{CompetencyID: sh.Ratings[0].CompetencyID, Level: 6}}})
		wantCode(t, err, apperr.Invalid)

		rateAll(t, f, "A", a.ID, func(req int) int { return req }, true)
		// the manager sees A's submitted self rating; A does not see the manager's before closing
		rateAll(t, f, "M", a.ID, func(req int) int { return req - 2 }, true)
		self, err := f.svc.MySheet(f.as("A", auth.ScopeSelf), a.ID)
		check(t, err)
		if self.Ratings[0].ManagerLevel != nil || self.Ratings[0].Gap != nil || *self.Ratings[0].SelfLevel != self.Ratings[0].RequiredLevel {
			t.Fatalf("self view before close: %+v", self.Ratings[0])
		}
		rateAll(t, f, "M", b.ID, func(req int) int { return req - 1 }, false)
		// HR agrees a different level for B's first competency
		bs, err := f.svc.Sheet(ctx, r.ID, b.ID)
		check(t, err)
		first := bs.Ratings[0]
		_, err = f.svc.SetAgreed(ctx, r.ID, b.ID, []LevelInput{{CompetencyID: first.CompetencyID, Level: first.RequiredLevel}})
		check(t, err)

		r, err = f.svc.Round(ctx, r.ID)
		check(t, err)
		r, err = f.svc.CloseRound(ctx, r.ID, r.Version)
		check(t, err)
		models, err := f.svc.positionCompetencies(ctx, d.R, []int64{f.pos["ops"]})
		check(t, err)
		k := len(models[f.pos["ops"]])
		// A: every competency 2 below (needs, high); B: 1 below except the agreed one
		if r.NeedsCreated != k+(k-1) || r.GapThreshold != 1 {
			t.Fatalf("needs created %d, want %d", r.NeedsCreated, 2*k-1)
		}
		as, err := f.svc.Sheet(ctx, r.ID, a.ID)
		check(t, err)
		for _, x := range as.Ratings {
			if *x.AgreedLevel != x.RequiredLevel-2 || *x.Gap != 2 {
				t.Fatalf("A's rating after close: %+v", x)
			}
		}
		if len(as.Radar.Indicators) != k || *as.Radar.Agreed[0] != *as.Ratings[0].AgreedLevel || *as.Radar.Required[0] != as.Ratings[0].RequiredLevel || *as.Radar.Self[0] != as.Ratings[0].RequiredLevel || *as.Radar.Manager[0] != as.Ratings[0].RequiredLevel-2 {
			t.Fatalf("radar: %+v", as.Radar)
		}
		needs, _, err := f.svc.ListNeeds(ctx, NeedFilter{Source: SourceGap, EmployeeID: f.emp["A"]})
		check(t, err)
		if len(needs) != k || needs[0].Priority != "high" || needs[0].CompetencyID == nil || needs[0].SourceTitle != "2026 H1" {
			t.Fatalf("A's needs: %+v", needs)
		}
		// generating again creates nothing
		n, err := f.svc.GenerateGapNeeds(ctx, r.ID)
		check(t, err)
		if n != 0 || dbtest.Count(t, d.R, "training_needs") != 2*k-1 {
			t.Fatalf("second generation created %d", n)
		}
		// a closed round takes no ratings
		wantCode(t, errOf(f.svc.Rate(f.as("A", auth.ScopeSelf), a.ID, RateInput{})), apperr.Invalid)

		h, err := f.svc.RoundHeatmap(ctx, r.ID, HeatmapQuery{By: "department"})
		check(t, err)
		if len(h.Rows) != 1 || h.Rows[0].Name != "天猫组" || h.Rows[0].People != 2 || len(h.Competencies) != k {
			t.Fatalf("heat map rows: %+v", h.Rows)
		}
		cell := h.Cells[0]
		// first competency: A gap 2, B agreed at the requirement (gap 0)
		if cell.Assessed != 2 || cell.WithGap != 1 || cell.ShortfallSum != 2 || cell.AvgGap != 1 {
			t.Fatalf("first cell: %+v", cell)
		}
		if row := h.Rows[0]; row.Assessed != 2*k || row.WithGap != 2*k-1 {
			t.Fatalf("row totals: %+v", row)
		}
	})
}

func errOf[T any](_ T, err error) error { return err }

// TestAssessmentScope: a manager with department-and-below scope sees the
// participants of their department only; others read as not found.
func TestAssessmentScope(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	ctx := f.ctx()
	r, err := f.svc.CreateRound(ctx, Round{Name: "all"})
	check(t, err)
	r, err = f.svc.OpenRound(ctx, r.ID, r.Version)
	check(t, err)
	c := participantOf(t, f, r.ID, "C")
	a := participantOf(t, f, r.ID, "A")
	mgr := f.as("CM", auth.ScopeDeptAndBelow)
	ps, n, err := f.svc.ListParticipants(mgr, r.ID, ParticipantFilter{})
	check(t, err)
	if n != 2 || len(ps) != 2 { // CM and C
		t.Fatalf("客服部 manager sees %d participants", n)
	}
	if _, err := f.svc.Sheet(mgr, r.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, errOf(f.svc.Sheet(mgr, r.ID, a.ID)), apperr.NotFound)
	wantCode(t, errOf(f.svc.SetAgreed(mgr, r.ID, a.ID, nil)), apperr.NotFound)
	h, err := f.svc.RoundHeatmap(mgr, r.ID, HeatmapQuery{By: "position"})
	check(t, err)
	if len(h.Rows) != 1 || h.Rows[0].ID != f.pos["cs"] {
		t.Fatalf("heat map rows in scope: %+v", h.Rows)
	}
	rounds, _, err := f.svc.ListRounds(mgr, RoundFilter{})
	check(t, err)
	if rounds[0].Participants != 2 {
		t.Fatalf("round progress counts people out of scope: %d", rounds[0].Participants)
	}
}
