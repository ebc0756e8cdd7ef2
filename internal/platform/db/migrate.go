package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// Migrations hold one folder per dialect. Every module adds its own numbered
// file to both folders; TestSchemaParity checks they give the same tables and
// columns.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Migrate applies every pending migration; each runs in its own transaction,
// so a crash leaves the database at the last applied version and the next
// start continues from there.
func (d *DB) Migrate(ctx context.Context) error {
	dialect, dir := goose.DialectSQLite3, "migrations/sqlite"
	if d.Kind == Postgres {
		dialect, dir = goose.DialectPostgres, "migrations/postgres"
	}
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return err
	}
	// Modules number their files as they are written, so a lower number may
	// land after a higher one was applied; apply such files instead of refusing.
	p, err := goose.NewProvider(dialect, d.W.DB, sub, goose.WithAllowOutofOrder(true))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// OpenMigrated opens dsn and applies pending migrations.
func OpenMigrated(ctx context.Context, dsn string) (*DB, error) {
	d, err := Open(dsn)
	if err != nil {
		return nil, err
	}
	if err := d.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}
