package db

import (
	"database/sql"
	"fmt"
)

// OpenSQLiteSidePool opens one more single-connection writer pool on the
// SQLite file, with the same pragmas as the application's writer. River
// (internal/platform/jobs) runs its queue on it: riversqlite wants a pool of
// its own limited to one connection, and both pools meet at SQLite's file
// lock (busy_timeout) rather than inside one *sql.DB.
func (d *DB) OpenSQLiteSidePool() (*sql.DB, error) {
	if d.Kind != SQLite {
		return nil, fmt.Errorf("OpenSQLiteSidePool on %s", d.Kind)
	}
	p, err := openSQLite(d.DSN, true)
	if err != nil {
		return nil, err
	}
	p.SetMaxOpenConns(1)
	return p, nil
}
