// Package db opens the database (SQLite file or PostgreSQL DSN), applies the
// embedded migrations and runs transactions. SQLite gets one writer
// connection and a reader pool (WAL lets readers run beside the writer);
// PostgreSQL uses one pool for both.
package db

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Kind is the database engine.
type Kind string

const (
	SQLite   Kind = "sqlite"
	Postgres Kind = "postgres"
)

// DB bundles the writer and reader handles. On PostgreSQL W and R are the same.
type DB struct {
	W    *bun.DB
	R    *bun.DB
	Kind Kind
	// DSN is the normalised location: the SQLite file path or the PostgreSQL DSN.
	DSN string
}

// Parse tells the engine and location from the --db value: a postgres:// or
// postgresql:// DSN, or a SQLite path optionally prefixed "sqlite:".
func Parse(dsn string) (Kind, string) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return Postgres, dsn
	}
	return SQLite, strings.TrimPrefix(dsn, "sqlite:")
}

// Open connects without migrating.
func Open(dsn string) (*DB, error) {
	kind, loc := Parse(dsn)
	if kind == Postgres {
		sqldb, err := sql.Open("pgx", loc)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		// Idle connections are kept up to the open limit: under a burst
		// (an exam's autosaves) a connection closed for being the ninth idle
		// one is reopened a moment later, and each new connection costs the
		// server a process start.
		sqldb.SetMaxOpenConns(16)
		sqldb.SetMaxIdleConns(16)
		b := bun.NewDB(sqldb, pgdialect.New())
		return &DB{W: b, R: b, Kind: Postgres, DSN: loc}, nil
	}
	if dir := filepath.Dir(loc); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	w, err := openSQLite(loc, true)
	if err != nil {
		return nil, err
	}
	r, err := openSQLite(loc, false)
	if err != nil {
		w.Close()
		return nil, err
	}
	w.SetMaxOpenConns(1)
	r.SetMaxOpenConns(max(4, runtime.NumCPU()*2))
	return &DB{W: bun.NewDB(w, sqlitedialect.New()), R: bun.NewDB(r, sqlitedialect.New()), Kind: SQLite, DSN: loc}, nil
}

// openSQLite sets the pragmas of DESIGN.md on every connection: WAL,
// synchronous=FULL, foreign keys, a busy timeout. Writers take the lock at
// BEGIN (IMMEDIATE) so two writers never deadlock on upgrade.
func openSQLite(path string, writer bool) (*sql.DB, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "busy_timeout(10000)", "cache_size(-32000)"} {
		q.Add("_pragma", p)
	}
	if writer {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	sqldb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return sqldb, nil
}

// Close closes both handles.
func (d *DB) Close() error {
	err := d.W.Close()
	if d.R != d.W {
		if e := d.R.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Ping checks the database answers (used by /readyz).
func (d *DB) Ping(ctx context.Context) error {
	var one int
	return d.R.NewRaw("SELECT 1").Scan(ctx, &one)
}
