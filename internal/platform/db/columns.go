package db

import (
	"context"
	"sort"
)

// Columns lists every application table with its column names, sorted; the
// schema parity test and `ecomops doctor`-style checks use it.
func (d *DB) Columns(ctx context.Context) (map[string][]string, error) {
	type tc struct {
		Table  string `bun:"t"`
		Column string `bun:"c"`
	}
	var rows []tc
	var err error
	if d.Kind == Postgres {
		err = d.R.NewRaw(`SELECT table_name AS t, column_name AS c FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'`).Scan(ctx, &rows)
	} else {
		err = d.R.NewRaw(`SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'`).Scan(ctx, &rows)
	}
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, r := range rows {
		out[r.Table] = append(out[r.Table], r.Column)
	}
	for _, cols := range out {
		sort.Strings(cols)
	}
	return out, nil
}
