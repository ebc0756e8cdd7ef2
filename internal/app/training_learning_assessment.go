package app

// Wiring of the evaluation module (exams, feedback, effect reports). The
// file is named to sort after training_learning.go: package init runs in
// file-name order, so the evaluation demo is registered after the learning
// demo, whose courses and sessions it evaluates.

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"slices"
	"time"

	"ecomops/internal/assessment"
	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
)

// assessmentGrants are the evaluation permissions of the built-in roles
// (admin gets every permission): HR everything; trainers keep the question
// bank, run exams, grade, record participation and read the reports;
// operations managers read the reports of their team (data scope). Every
// role takes exams.
var assessmentGrants = map[string][]string{
	RoleHR: assessment.Permissions,
	RoleTrainer: {"assessment:question:read", "assessment:question:update", "assessment:question:import",
		"assessment:exam:read", "assessment:exam:manage", "assessment:exam:grade",
		"assessment:participation:record", "assessment:report:read"},
	RoleManager: {"assessment:report:read"},
}

var assessmentForEveryone = []string{"assessment:exam:take"}

func withAssessmentGrants(roles []iam.SeedRole) []iam.SeedRole {
	for i := range roles {
		if roles[i].Code == RoleAdmin {
			continue
		}
		perms := append(slices.Clone(roles[i].Permissions), assessmentGrants[roles[i].Code]...)
		perms = append(perms, assessmentForEveryone...)
		slices.Sort(perms)
		roles[i].Permissions = slices.Compact(perms)
	}
	return roles
}

// assessmentMenu is the evaluation branch: "my exams" is everyone's.
func assessmentMenu() iam.MenuItem {
	return iam.MenuItem{Key: "evaluation", Path: "/evaluation", Icon: "EditPen", Children: []iam.MenuItem{
		{Key: "my_exams", Path: "/evaluation/my-exams", Perm: "assessment:exam:take"},
		{Key: "questions", Path: "/evaluation/questions", Perm: "assessment:question:read"},
		{Key: "exams", Path: "/evaluation/exams", Perm: "assessment:exam:read"},
		{Key: "grading", Path: "/evaluation/grading", Perm: "assessment:exam:grade"},
		{Key: "reports", Path: "/evaluation/reports", Perm: "assessment:report:read"},
	}}
}

// openAssessment builds the evaluation service on the modules it reads.
func (a *App) openAssessment(d *db.DB, c clock.Clock) {
	a.Assessment = assessment.New(d, a.Org, a.System, c)
	a.Assessment.Training, a.Assessment.Learning = a.Training, a.Learning
	a.Assessment.Metrics, a.Assessment.Notify = a.Metrics, a.Notify
}

// assessmentLoop runs beside the server: every 30 s it submits exam
// attempts whose deadline passed (requests also do it lazily), and every
// hour it creates the managers' rating requests that fell due and reminds
// feedback non-responders (once a day per form, from the day after). Both are
// idempotent, so replicas may run it side by side. It returns when ctx ends.
func (a *App) assessmentLoop(ctx context.Context) {
	sweep := time.NewTicker(30 * time.Second)
	defer sweep.Stop()
	hourly := time.NewTicker(time.Hour)
	defer hourly.Stop()
	rate := func() {
		if n, err := a.Assessment.RequestBehaviourRatings(ctx); err != nil {
			slog.Warn("assessment: rating requests", "err", err)
		} else if n > 0 {
			slog.Info("assessment: rating requests made", "count", n)
		}
		if n, err := a.Assessment.RemindDueFeedback(ctx); err != nil {
			slog.Warn("assessment: feedback reminders", "err", err)
		} else if n > 0 {
			slog.Info("assessment: feedback reminders sent", "count", n)
		}
	}
	rate()
	for {
		select {
		case <-ctx.Done():
			return
		case <-sweep.C:
			if n, err := a.Assessment.Sweep(ctx); err != nil {
				slog.Warn("assessment: sweep", "err", err)
			} else if n > 0 {
				slog.Info("assessment: attempts submitted at their deadline", "count", n)
			}
		case <-hourly.C:
			rate()
		}
	}
}

func init() {
	RegisterDemo(DemoLoader{Name: "assessment", Load: func(ctx context.Context, a *App, dc *org.DemoCompany, rng *rand.Rand) error {
		return a.Assessment.LoadDemo(ctx, dc, rng)
	}})
}
