package sales

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// pgBulk writes with COPY: orders and customers are copied into temporary
// staging tables and merged with one INSERT ... SELECT ... ON CONFLICT per
// batch; lines and events are copied straight into their tables. COPY runs
// through pgx on the same connection (and so in the same transaction) as
// the batch's bun.Tx.
type pgBulk struct {
	conn bun.Conn
}

func newPGBulk(ctx context.Context, d *bun.DB) (*pgBulk, error) {
	conn, err := d.Conn(ctx)
	if err != nil {
		return nil, apperr.Wrap(err, "open connection")
	}
	for _, q := range []string{
		"CREATE TEMP TABLE IF NOT EXISTS imp_orders ON COMMIT DELETE ROWS AS SELECT " + strings.Join(orderCols, ", ") + " FROM orders WITH NO DATA",
		"CREATE TEMP TABLE IF NOT EXISTS imp_customers ON COMMIT DELETE ROWS AS SELECT " + strings.Join(customerCols, ", ") + " FROM customers WITH NO DATA",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			conn.Close()
			return nil, apperr.Wrap(err, "create staging tables")
		}
	}
	return &pgBulk{conn: conn}, nil
}

func (b *pgBulk) inTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return b.conn.RunInTx(ctx, nil, fn)
}

func (b *pgBulk) close() { b.conn.Close() }

func pgValue(v any) any {
	switch x := v.(type) {
	case *time.Time:
		if x == nil {
			return nil
		}
		return x.UTC()
	case time.Time:
		return x.UTC()
	case *int64:
		if x == nil {
			return nil
		}
		return *x
	case int:
		return int64(x)
	}
	return v
}

// copy runs COPY table (cols) FROM STDIN with rows inside the open transaction.
func (b *pgBulk) copy(ctx context.Context, table string, cols []string, rows [][]any) error {
	for _, r := range rows {
		for i, v := range r {
			r[i] = pgValue(v)
		}
	}
	return b.conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		_, err := c.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
}

func (b *pgBulk) merge(ctx context.Context, tx bun.Tx, staging, table string, cols []string, conflict string, rows [][]any) (map[string]int64, error) {
	out := make(map[string]int64, len(rows))
	if err := b.copy(ctx, staging, cols, rows); err != nil {
		return nil, apperr.Wrap(err, "copy into %s", staging)
	}
	list := strings.Join(cols, ", ")
	rs, err := tx.Tx.QueryContext(ctx, "INSERT INTO "+table+" ("+list+") SELECT "+list+" FROM "+staging+conflict)
	if err != nil {
		return nil, apperr.Wrap(err, "merge %s", table)
	}
	defer rs.Close()
	scan := scanIDs(out)
	for rs.Next() {
		if err := scan(rs); err != nil {
			return nil, apperr.Wrap(err, "merge %s", table)
		}
	}
	// no TRUNCATE: the staging table empties itself at COMMIT (ON COMMIT
	// DELETE ROWS), and each batch has its own transaction.
	return out, apperr.Wrap(rs.Err(), "merge %s", table)
}

func (b *pgBulk) upsertOrders(ctx context.Context, tx bun.Tx, rows [][]any) (map[string]int64, error) {
	return b.merge(ctx, tx, "imp_orders", "orders", orderCols, orderConflict, rows)
}

func (b *pgBulk) upsertCustomers(ctx context.Context, tx bun.Tx, rows [][]any) (map[string]int64, error) {
	return b.merge(ctx, tx, "imp_customers", "customers", customerCols, customerConflict, rows)
}

func (b *pgBulk) insert(ctx context.Context, tx bun.Tx, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	return apperr.Wrap(b.copy(ctx, table, cols, rows), "copy into %s", table)
}
