package metrics

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/sales"
)

// RebuildReport says what `kpi rebuild` did.
type RebuildReport struct {
	Shops    []int64 `json:"shop_ids"`
	Orders   int64   `json:"paid_orders"`
	Timezone string  `json:"timezone"`
	Seconds  float64 `json:"seconds"`
}

// rebuildChunk is how many orders are read and folded per step.
const rebuildChunk = 5000

// Rebuild recomputes the rollups of the given shops (every shop when shops
// is nil) from the orders, in one transaction: a crash leaves the old
// rollups. A full rebuild adopts the company time zone of the settings; a
// partial one must not (two zones in one table), so it is refused while the
// zone changed. Orders are folded with the same per-order rules as
// OnOrderChange; daily buyer counts and repeat pairs are then derived in
// SQL from the buyer days, independently of the incremental pair upkeep.
// Errors: invalid (partial rebuild after a time-zone change), internal.
func (s *Service) Rebuild(ctx context.Context, shops []int64) (RebuildReport, error) {
	start := time.Now()
	rep := RebuildReport{}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		company := s.loc(ctx)
		loc, err := s.zone(ctx, tx, false)
		if err != nil {
			return err
		}
		full := shops == nil
		if full {
			if shops, err = s.allShopIDs(ctx, tx); err != nil {
				return err
			}
		} else if loc.String() != company.String() {
			return apperr.New(apperr.Invalid, "the company time zone changed from %s to %s: rebuild every shop (without --shop)", loc, company)
		}
		slices.Sort(shops)
		shops = slices.Compact(shops)
		for _, id := range append([]int64{allShops}, shops...) {
			if err := lockShop(ctx, tx, id); err != nil {
				return err
			}
		}
		if err := clearRollups(ctx, tx, shops, full); err != nil {
			return err
		}
		if full {
			now := s.clock.Now().UTC()
			st := state{ID: 1, Timezone: company.String(), RebuiltAt: &now}
			if _, err := tx.NewInsert().Model(&st).On("CONFLICT (id) DO UPDATE").Set("timezone = EXCLUDED.timezone, rebuilt_at = EXCLUDED.rebuilt_at").Exec(ctx); err != nil {
				return apperr.Wrap(err, "record rollup time zone")
			}
			loc = company
		}
		rep.Timezone = loc.String()
		var filter []int64
		if !full {
			filter = shops
		}
		if rep.Orders, err = s.foldOrders(ctx, tx, filter, loc); err != nil {
			return err
		}
		if len(shops) > 0 {
			if err := deriveBuyers(ctx, tx, shops); err != nil {
				return err
			}
		}
		return sumAllShops(ctx, tx)
	})
	rep.Shops = shops
	rep.Seconds = time.Since(start).Seconds()
	return rep, err
}

// allShopIDs lists every shop that has orders or rollup rows.
func (s *Service) allShopIDs(ctx context.Context, tx bun.IDB) ([]int64, error) {
	var ids []int64
	err := tx.NewRaw("SELECT DISTINCT shop_id FROM orders UNION SELECT DISTINCT shop_id FROM metric_shop_day WHERE shop_id <> 0").Scan(ctx, &ids)
	return ids, apperr.Wrap(err, "list shops to rebuild")
}

var rollupTables = []string{"metric_shop_day", "metric_shop_month", "metric_sku_day", "metric_sku_month", "metric_buyer_day", "metric_buyer_repeat"}

func clearRollups(ctx context.Context, tx bun.IDB, shops []int64, full bool) error {
	for _, t := range rollupTables {
		q := tx.NewDelete().Table(t)
		if full {
			q = q.Where("1 = 1")
		} else {
			q = q.Where("shop_id IN (?)", bun.In(shops))
		}
		if _, err := q.Exec(ctx); err != nil {
			return apperr.Wrap(err, "clear %s", t)
		}
	}
	return nil
}

// foldOrders adds every paid order of the shops (all when nil) to the
// emptied rollups, chunk by chunk, and returns how many it folded.
func (s *Service) foldOrders(ctx context.Context, tx bun.IDB, shops []int64, loc *time.Location) (int64, error) {
	var n, after int64
	for {
		facts, err := loadPaidFacts(ctx, tx, shops, after, rebuildChunk)
		if err != nil || len(facts) == 0 {
			return n, err
		}
		changes := make([]sales.OrderChange, len(facts))
		for i := range facts {
			changes[i] = sales.OrderChange{New: &facts[i]}
		}
		cost, err := s.catalog.SKUCosts(ctx, tx, skuIDs(changes))
		if err != nil {
			return n, err
		}
		d := newDelta()
		for i := range facts {
			d.add(&facts[i], 1, loc, cost)
		}
		if err := applyDelta(ctx, tx, d, true); err != nil {
			return n, err
		}
		n += int64(len(facts))
		after = facts[len(facts)-1].OrderID
	}
}

// deriveBuyers sets each day's buyer count from the buyer days, derives
// the repeat pairs (LAG over each buyer's days gives its consecutive pairs,
// counted in the four grains; months are the first 7 characters of a date)
// and sums the days into months.
func deriveBuyers(ctx context.Context, tx bun.IDB, shops []int64) error {
	in := make([]string, len(shops))
	for i, id := range shops {
		in[i] = itoa(id)
	}
	shopIn := "shop_id IN (" + strings.Join(in, ",") + ")"
	// the fold left each day's anonymous orders in buyers; add its known buyers
	if _, err := tx.ExecContext(ctx, `UPDATE metric_shop_day SET buyers = metric_shop_day.buyers + c.n
		FROM (SELECT shop_id, date, count(*) AS n FROM metric_buyer_day WHERE `+shopIn+` GROUP BY shop_id, date) c
		WHERE metric_shop_day.shop_id = c.shop_id AND metric_shop_day.date = c.date`); err != nil {
		return apperr.Wrap(err, "count daily buyers")
	}
	_, err := tx.ExecContext(ctx, `WITH p AS MATERIALIZED (
		SELECT shop_id, prev, date FROM (
			SELECT shop_id, date, LAG(date) OVER (PARTITION BY shop_id, customer_id ORDER BY date) AS prev
			FROM metric_buyer_day WHERE `+shopIn+`) w
		WHERE prev IS NOT NULL)
	INSERT INTO metric_buyer_repeat (shop_id, grain, prev_key, next_key, buyers)
	SELECT shop_id, 'dd', prev, date, count(*) FROM p GROUP BY shop_id, prev, date
	UNION ALL SELECT shop_id, 'dm', prev, substr(date, 1, 7), count(*) FROM p GROUP BY shop_id, prev, substr(date, 1, 7)
	UNION ALL SELECT shop_id, 'md', substr(prev, 1, 7), date, count(*) FROM p GROUP BY shop_id, substr(prev, 1, 7), date
	UNION ALL SELECT shop_id, 'mm', substr(prev, 1, 7), substr(date, 1, 7), count(*) FROM p GROUP BY shop_id, substr(prev, 1, 7), substr(date, 1, 7)`)
	if err != nil {
		return apperr.Wrap(err, "derive repeat pairs")
	}
	cols := strings.Join(shopDayCols, ", ")
	_, err = tx.ExecContext(ctx, `INSERT INTO metric_shop_month (shop_id, month, `+cols+`)
		SELECT shop_id, substr(date, 1, 7), SUM(`+strings.Join(shopDayCols, "), SUM(")+`)
		FROM metric_shop_day WHERE `+shopIn+` GROUP BY shop_id, substr(date, 1, 7)`)
	return apperr.Wrap(err, "derive monthly rollups")
}

// sumAllShops recomputes the all-shops rows from the shops' rows.
func sumAllShops(ctx context.Context, tx bun.IDB) error {
	cols := strings.Join(shopDayCols, ", ")
	sums := "SUM(" + strings.Join(shopDayCols, "), SUM(") + ")"
	for _, q := range []string{
		"DELETE FROM metric_shop_day WHERE shop_id = 0",
		"DELETE FROM metric_shop_month WHERE shop_id = 0",
		"DELETE FROM metric_buyer_repeat WHERE shop_id = 0",
		"INSERT INTO metric_shop_day (shop_id, date, " + cols + ") SELECT 0, date, " + sums + " FROM metric_shop_day WHERE shop_id <> 0 GROUP BY date",
		"INSERT INTO metric_shop_month (shop_id, month, " + cols + ") SELECT 0, month, " + sums + " FROM metric_shop_month WHERE shop_id <> 0 GROUP BY month",
		"INSERT INTO metric_buyer_repeat (shop_id, grain, prev_key, next_key, buyers) SELECT 0, grain, prev_key, next_key, SUM(buyers) " +
			"FROM metric_buyer_repeat WHERE shop_id <> 0 GROUP BY grain, prev_key, next_key",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return apperr.Wrap(err, "sum all shops")
		}
	}
	return nil
}
