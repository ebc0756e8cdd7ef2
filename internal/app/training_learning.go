package app

// Wiring of the learning module (courses, sessions, external and online
// training). The file is named to sort after training.go: package init
// runs in file-name order, so the learning demo is registered after the
// training demo, whose annual plan and lecturer registry it uses.

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"ecomops/internal/iam"
	"ecomops/internal/learning"
	"ecomops/internal/org"
	"ecomops/internal/platform/blob"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
)

// learningGrants are the learning permissions of the built-in roles (admin
// gets every permission): HR runs everything; trainers keep the catalogue
// and run sessions; operations managers approve external training, review
// its reports and follow their team's progress. Everyone takes part.
var learningGrants = map[string][]string{
	RoleHR: {"learning:course:read", "learning:course:update", "learning:session:read", "learning:session:manage",
		"learning:external:approve", "learning:external:review", "learning:progress:read", "learning:setting:update"},
	RoleTrainer: {"learning:course:read", "learning:course:update", "learning:session:read", "learning:session:manage",
		"learning:progress:read"},
	RoleManager: {"learning:course:read", "learning:session:read", "learning:external:approve", "learning:external:review",
		"learning:progress:read"},
}

// learningForEveryone: take part in sessions and online courses (我的学习),
// ask for external training, read the knowledge library.
var learningForEveryone = []string{"learning:session:attend", "learning:external:request", "learning:library:read"}

func withLearningGrants(roles []iam.SeedRole) []iam.SeedRole {
	for i := range roles {
		if roles[i].Code == RoleAdmin {
			continue
		}
		perms := append(slices.Clone(roles[i].Permissions), learningGrants[roles[i].Code]...)
		perms = append(perms, learningForEveryone...)
		slices.Sort(perms)
		roles[i].Permissions = slices.Compact(perms)
	}
	return roles
}

// learningMenu is the learning branch of the sidebar; "my" (我的学习) is
// everyone's.
func learningMenu() iam.MenuItem {
	return iam.MenuItem{Key: "learning", Path: "/learning", Icon: "Notebook", Children: []iam.MenuItem{
		{Key: "my", Path: "/learning/my", Perm: "learning:session:attend"},
		{Key: "courses", Path: "/learning/courses", Perm: "learning:course:read"},
		{Key: "sessions", Path: "/learning/sessions", Perm: "learning:session:read"},
		{Key: "external", Path: "/learning/external", Perm: "learning:external:approve"},
		{Key: "progress", Path: "/learning/progress", Perm: "learning:progress:read"},
		{Key: "library", Path: "/learning/library", Perm: "learning:library:read"},
	}}
}

// FilesDir is where uploaded files live: $ECOMOPS_FILES, else "files" beside
// the SQLite database file, else ./data/files (PostgreSQL). Several
// replicas on PostgreSQL need a shared directory (or an S3-compatible
// blob.Store).
func FilesDir(d *db.DB) string {
	if dir := os.Getenv("ECOMOPS_FILES"); dir != "" {
		return dir
	}
	if d.Kind == db.SQLite {
		return filepath.Join(filepath.Dir(d.DSN), "files")
	}
	return filepath.Join("data", "files")
}

// openLearning builds the file store and the learning service on the
// organisation, the training plan and the notification outbox.
func (a *App) openLearning(d *db.DB, c clock.Clock) {
	a.Files = blob.NewLocal(FilesDir(d))
	a.Learning = learning.New(d, a.Org, a.System, a.Training, a.Files, c)
	a.Learning.Notify = a.Notify
}

// learningLoop runs beside the server: once at start it repeats the plan
// deliveries of completed sessions (SyncDelivered), then every hour it runs
// the report reminders. Both are idempotent, so several replicas running it
// send nothing twice. It returns when ctx ends.
func (a *App) learningLoop(ctx context.Context) {
	if err := a.Learning.SyncDelivered(ctx); err != nil {
		slog.Warn("learning: plan deliveries", "err", err)
	}
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := a.Learning.RunReportReminders(ctx); err != nil {
			slog.Warn("learning: report reminders", "err", err)
		} else if n > 0 {
			slog.Info("learning: report reminders sent", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func init() {
	RegisterDemo(DemoLoader{Name: "learning", Load: func(ctx context.Context, a *App, dc *org.DemoCompany, rng *rand.Rand) error {
		return a.Learning.LoadDemo(ctx, dc, rng)
	}})
	RegisterCommand(func(open Opener) *cobra.Command {
		cmd := &cobra.Command{Use: "learning", Short: "Learning jobs (courses, sessions, external training)"}
		cmd.AddCommand(&cobra.Command{Use: "remind", Short: "Send today's summary-report reminders (idempotent; serve runs it hourly)", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				a, err := open(cmd)
				if err != nil {
					return err
				}
				defer a.Close()
				n, err := a.Learning.RunReportReminders(cmd.Context())
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d reminders recorded; serve delivers them\n", n)
				return nil
			}})
		return cmd
	})
}
