package jobs

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"ecomops/internal/platform/db"
)

// Migrate brings River's own tables (river_job, river_leader, ...) up to
// date. It runs at every start after the application's migrations; River
// keeps its own version table (river_migration), so repeating it is a no-op.
// The tables live beside the application's and are left out of the schema
// parity check (their shape differs per driver by design).
func Migrate(ctx context.Context, d *db.DB) error {
	switch d.Kind {
	case db.SQLite:
		m, err := rivermigrate.New(riversqlite.New(d.W.DB), nil)
		if err != nil {
			return fmt.Errorf("river migrations: %w", err)
		}
		if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("river migrate: %w", err)
		}
		return nil
	case db.Postgres:
		pool, err := pgxpool.New(ctx, d.DSN)
		if err != nil {
			return fmt.Errorf("river migrations: %w", err)
		}
		defer pool.Close()
		m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
		if err != nil {
			return fmt.Errorf("river migrations: %w", err)
		}
		if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("river migrate: %w", err)
		}
		return nil
	}
	return fmt.Errorf("river migrate: unknown database kind %q", d.Kind)
}
