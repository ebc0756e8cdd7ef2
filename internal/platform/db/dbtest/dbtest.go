// Package dbtest gives tests fresh, migrated databases: always a SQLite file,
// and a PostgreSQL database when ECOMOPS_TEST_POSTGRES holds a DSN.
// ECOMOPS_TEST_REQUIRE_ALL=1 (set by CI) turns a missing PostgreSQL into a failure.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/db"
)

// Each runs fn once per available engine as a subtest named after it.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a migrated database in a temporary file.
func SQLite(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.OpenMigrated(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// PostgresDSN returns the server DSN from the environment, skipping (or
// failing under ECOMOPS_TEST_REQUIRE_ALL=1) when it is unset.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("ECOMOPS_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("ECOMOPS_TEST_REQUIRE_ALL") == "1" {
			t.Fatal("ECOMOPS_TEST_POSTGRES is not set and ECOMOPS_TEST_REQUIRE_ALL=1")
		}
		t.Skip("PostgreSQL suite: set ECOMOPS_TEST_POSTGRES to run it")
	}
	return dsn
}

// Postgres creates a fresh database on the test server, migrates it and
// drops it when the test ends.
func Postgres(t testing.TB) *db.DB {
	t.Helper()
	dsn := PostgresDSN(t)
	ctx := context.Background()
	admin, err := db.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "ecomops_t_" + hex.EncodeToString(b)
	if _, err := admin.W.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	d, err := db.OpenMigrated(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		d.Close()
		admin.W.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	})
	return d
}

// Count returns SELECT count(*) FROM table, for assertions.
func Count(t testing.TB, b bun.IDB, table string) int {
	t.Helper()
	var n int
	if err := b.NewRaw("SELECT count(*) FROM "+table).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}
