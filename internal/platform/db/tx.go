package db

import (
	"context"
	"database/sql"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/trail"
)

// InTx runs fn in a write transaction. Audit changes noted on ctx during fn
// (trail.Change) are written in the same transaction just before COMMIT, so a
// change and its audit row land together or not at all. A crash before
// COMMIT leaves neither.
func (d *DB) InTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return d.W.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		if err := fn(ctx, tx); err != nil {
			return err
		}
		return trail.Flush(ctx, tx)
	})
}
