package sales

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// sqliteBulk writes with multi-row INSERT statements on the single writer
// connection. Statements of a full chunk are prepared once per import and
// bound to each batch transaction; values are bound as parameters (bun's
// own query formatting is bypassed on this path for speed).
type sqliteBulk struct {
	conn  bun.Conn
	stmts map[string]*sql.Stmt
}

// sqliteChunk is the rows per statement: 31 order columns x 200 rows stays
// well under SQLite's 32766 bound parameters.
const sqliteChunk = 200

func newSQLiteBulk(ctx context.Context, d *bun.DB) (*sqliteBulk, error) {
	conn, err := d.Conn(ctx)
	if err != nil {
		return nil, apperr.Wrap(err, "open writer connection")
	}
	// A bigger page cache while importing: the indexes on random keys
	// (customer, buyer key) outgrow the default 32 MB as the tables grow,
	// and every miss is a page read and a page rewritten into the WAL.
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", importCacheKiB)); err != nil {
		conn.Close()
		return nil, apperr.Wrap(err, "size the import cache")
	}
	return &sqliteBulk{conn: conn, stmts: map[string]*sql.Stmt{}}, nil
}

// importCacheKiB is the writer's page cache during an import; close puts
// back the 32 MB every connection opens with (db.openSQLite).
const importCacheKiB = 64 << 10

func (b *sqliteBulk) inTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return b.conn.RunInTx(ctx, nil, fn)
}

func (b *sqliteBulk) close() {
	for _, s := range b.stmts {
		s.Close()
	}
	b.conn.ExecContext(context.Background(), "PRAGMA cache_size = -32000")
	b.conn.Close()
}

// sqliteTime is how bun's SQLite dialect writes instants, so that rows
// written here compare and scan like rows written through bun.
const sqliteTime = "2006-01-02 15:04:05.999999-07:00"

func sqliteValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(sqliteTime)
	case *time.Time:
		if x == nil {
			return nil
		}
		return x.UTC().Format(sqliteTime)
	case *int64:
		if x == nil {
			return nil
		}
		return *x
	}
	return v
}

func valuesSQL(cols, rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	return strings.TrimSuffix(strings.Repeat(one+",", rows), ",")
}

// run executes head VALUES ... tail for rows in chunks, calling scan for
// each returned row when scan is set.
func (b *sqliteBulk) run(ctx context.Context, tx bun.Tx, head string, ncols int, tail string, rows [][]any, scan func(*sql.Rows) error) error {
	args := make([]any, 0, sqliteChunk*ncols)
	for start := 0; start < len(rows); start += sqliteChunk {
		part := rows[start:min(start+sqliteChunk, len(rows))]
		args = args[:0]
		for _, r := range part {
			for _, v := range r {
				args = append(args, sqliteValue(v))
			}
		}
		query := head + " VALUES " + valuesSQL(ncols, len(part)) + tail
		var stmt *sql.Stmt
		if len(part) == sqliteChunk {
			st, ok := b.stmts[head+tail]
			if !ok {
				var err error
				if st, err = b.conn.PrepareContext(ctx, query); err != nil {
					return apperr.Wrap(err, "prepare bulk statement")
				}
				b.stmts[head+tail] = st
			}
			stmt = tx.Tx.StmtContext(ctx, st)
		} else {
			var err error
			if stmt, err = tx.Tx.PrepareContext(ctx, query); err != nil {
				return apperr.Wrap(err, "prepare bulk statement")
			}
		}
		if err := execOrScan(ctx, stmt, args, scan); err != nil {
			return err
		}
	}
	return nil
}

func execOrScan(ctx context.Context, stmt *sql.Stmt, args []any, scan func(*sql.Rows) error) error {
	defer stmt.Close()
	if scan == nil {
		_, err := stmt.ExecContext(ctx, args...)
		return apperr.Wrap(err, "bulk insert")
	}
	rs, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return apperr.Wrap(err, "bulk upsert")
	}
	defer rs.Close()
	for rs.Next() {
		if err := scan(rs); err != nil {
			return apperr.Wrap(err, "bulk upsert")
		}
	}
	return apperr.Wrap(rs.Err(), "bulk upsert")
}

func scanIDs(out map[string]int64) func(*sql.Rows) error {
	return func(rs *sql.Rows) error {
		var id int64
		var key string
		if err := rs.Scan(&id, &key); err != nil {
			return err
		}
		out[key] = id
		return nil
	}
}

func (b *sqliteBulk) upsertOrders(ctx context.Context, tx bun.Tx, rows [][]any) (map[string]int64, error) {
	out := make(map[string]int64, len(rows))
	head := "INSERT INTO orders (" + strings.Join(orderCols, ", ") + ")"
	err := b.run(ctx, tx, head, len(orderCols), orderConflict, rows, scanIDs(out))
	return out, err
}

func (b *sqliteBulk) upsertCustomers(ctx context.Context, tx bun.Tx, rows [][]any) (map[string]int64, error) {
	out := make(map[string]int64, len(rows))
	head := "INSERT INTO customers (" + strings.Join(customerCols, ", ") + ")"
	err := b.run(ctx, tx, head, len(customerCols), customerConflict, rows, scanIDs(out))
	return out, err
}

func (b *sqliteBulk) insert(ctx context.Context, tx bun.Tx, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	return b.run(ctx, tx, fmt.Sprintf("INSERT INTO %s (%s)", table, strings.Join(cols, ", ")), len(cols), "", rows, nil)
}

// orderConflict updates an existing order with the file's values (the file
// is the truth for what it carries) and bumps its version. The same text
// serves PostgreSQL's INSERT ... SELECT.
var orderConflict = func() string {
	var set []string
	for _, c := range orderCols {
		switch c {
		case "shop_id", "order_no", "version", "created_at":
			continue
		}
		set = append(set, c+" = excluded."+c)
	}
	return " ON CONFLICT (shop_id, order_no) DO UPDATE SET " + strings.Join(set, ", ") + ", version = orders.version + 1 RETURNING id, order_no"
}()

// customerConflict keeps the latest non-empty details.
const customerConflict = ` ON CONFLICT (shop_id, buyer_key) DO UPDATE SET
	buyer_nick = CASE WHEN excluded.buyer_nick <> '' THEN excluded.buyer_nick ELSE customers.buyer_nick END,
	receiver_name = CASE WHEN excluded.receiver_name <> '' THEN excluded.receiver_name ELSE customers.receiver_name END,
	phone = CASE WHEN excluded.phone <> '' THEN excluded.phone ELSE customers.phone END,
	address = CASE WHEN excluded.address <> '' THEN excluded.address ELSE customers.address END,
	updated_at = excluded.updated_at
	RETURNING id, buyer_key`
