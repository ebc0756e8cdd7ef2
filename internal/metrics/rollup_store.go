package metrics

import (
	"cmp"
	"context"
	"database/sql"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/sales"
)

// OnOrderChange keeps the rollups current; it matches sales.ChangeHook and
// runs inside the transaction that writes the orders, after they are
// written, so the rollups commit or roll back with them. For every change it
// subtracts the Old facts and adds the New ones; each rollup row is written
// once per call with multi-row upserts. Errors: internal.
func (s *Service) OnOrderChange(ctx context.Context, tx bun.IDB, changes []sales.OrderChange) error {
	if len(changes) == 0 {
		return nil
	}
	loc, err := s.zone(ctx, tx, true)
	if err != nil {
		return err
	}
	cost, err := s.catalog.SKUCosts(ctx, tx, skuIDs(changes))
	if err != nil {
		return err
	}
	d := newDelta()
	for i := range changes {
		d.add(changes[i].Old, -1, loc, cost)
		d.add(changes[i].New, 1, loc, cost)
	}
	return applyDelta(ctx, tx, d, false)
}

// applyDelta writes d. Incremental mode (rebuild=false) also maintains the
// buyer days exactly, the day's buyer counts and the repeat pairs; rebuild
// mode only adds the buyer days' order counts, and rebuild.go derives buyers
// and pairs in SQL once every order is in.
func applyDelta(ctx context.Context, tx bun.IDB, d *rollupDelta, rebuild bool) error {
	if err := lockShops(ctx, tx, d); err != nil {
		return err
	}
	if rebuild {
		if err := addBuyerDays(ctx, tx, d.buyerDays); err != nil {
			return err
		}
	} else if err := applyBuyers(ctx, tx, d); err != nil {
		return err
	} else {
		addAllShops(d.shopDays)
	}
	if err := writeShopDays(ctx, tx, d.shopDays, !rebuild); err != nil {
		return err
	}
	if err := writeSKUs(ctx, tx, "metric_sku_day", "date", d.skuDays); err != nil {
		return err
	}
	return writeSKUs(ctx, tx, "metric_sku_month", "month", d.skuMonths)
}

// lockShops serialises rollup writers per shop on PostgreSQL (a transaction
// advisory lock, taken in shop order so two writers never deadlock): the
// buyer-pair maintenance reads a buyer's days and writes what follows from
// them, which must not interleave with another writer or a rebuild of the
// same shop. SQLite has a single writer already.
func lockShops(ctx context.Context, tx bun.IDB, d *rollupDelta) error {
	if tx.Dialect().Name() != dialect.PG {
		return nil
	}
	ids := map[int64]bool{}
	for k := range d.shopDays {
		ids[k.Shop] = true
	}
	for k := range d.buyerDays {
		ids[k.Shop] = true
	}
	for k := range d.skuDays {
		ids[k.Shop] = true
	}
	ids[allShops] = true // the all-shops rows are shared; a partial rebuild recomputes them
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		if err := lockShop(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// lockKeyBase namespaces the advisory lock keys of this module ("METR").
const lockKeyBase = int64(0x4D455452) << 32

func lockShop(ctx context.Context, tx bun.IDB, shop int64) error {
	if tx.Dialect().Name() != dialect.PG {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", lockKeyBase|shop)
	return apperr.Wrap(err, "lock shop rollups")
}

// applyBuyers loads the current paying days of every buyer in d, works out
// the changed buyer days, daily buyer counts and repeat pairs, and writes
// the buyer days and pairs; the daily counts go into d.shopDays.
func applyBuyers(ctx context.Context, tx bun.IDB, d *rollupDelta) error {
	if len(d.buyerDays) == 0 {
		return nil
	}
	current, err := loadBuyerDays(ctx, tx, slices.Collect(maps.Keys(d.buyerDays)))
	if err != nil {
		return err
	}
	var upserts [][]any
	var deletes []string
	pairs := map[repeatKey]int64{}
	for bk, delta := range d.buyerDays {
		bc := changeBuyer(current[bk], delta)
		for _, r := range bc.rows {
			if r.Orders > 0 {
				upserts = append(upserts, []any{bk.Shop, bk.Customer, r.Date, r.Orders})
			} else {
				deletes = append(deletes, "(shop_id = "+itoa(bk.Shop)+" AND customer_id = "+itoa(bk.Customer)+" AND date = "+quote(r.Date)+")")
			}
		}
		for _, dd := range bc.dayDelta {
			d.shopDay(dayKey{bk.Shop, dd.Date}).Buyers += dd.Orders
		}
		for _, p := range bc.pairs {
			addPair(pairs, bk.Shop, p.Prev, p.Next, p.N)
			addPair(pairs, allShops, p.Prev, p.Next, p.N)
		}
	}
	if err := upsert(ctx, tx, "metric_buyer_day", "shop_id, customer_id, date, orders", "shop_id, customer_id, date",
		"orders = excluded.orders", upserts); err != nil {
		return err
	}
	if err := deleteWhere(ctx, tx, "metric_buyer_day", deletes, ""); err != nil {
		return err
	}
	return writePairs(ctx, tx, pairs)
}

// loadBuyerDays returns the paying days of the buyers, sorted by date.
func loadBuyerDays(ctx context.Context, tx bun.IDB, buyers []buyerKey) (map[buyerKey][]dayCount, error) {
	byShop := map[int64][]int64{}
	for _, b := range buyers {
		byShop[b.Shop] = append(byShop[b.Shop], b.Customer)
	}
	out := make(map[buyerKey][]dayCount, len(buyers))
	for shop, customers := range byShop {
		// buyers with an id above the shop's highest known one (new
		// customers of this import) have no days yet: no lookup for them
		var top *int64
		if err := tx.QueryRowContext(ctx, "SELECT MAX(customer_id) FROM metric_buyer_day WHERE shop_id = "+itoa(shop)).Scan(&top); err != nil {
			return nil, apperr.Wrap(err, "load buyer days")
		}
		customers = slices.DeleteFunc(customers, func(c int64) bool { return top == nil || c > *top })
		slices.Sort(customers)
		for chunk := range slices.Chunk(customers, 1000) {
			rows, err := tx.QueryContext(ctx, "SELECT customer_id, date, orders FROM metric_buyer_day WHERE shop_id = "+itoa(shop)+
				" AND customer_id IN ("+joinIDs(chunk)+") ORDER BY customer_id, date")
			if err != nil {
				return nil, apperr.Wrap(err, "load buyer days")
			}
			for rows.Next() {
				var c int64
				var dc dayCount
				if err := rows.Scan(&c, &dc.Date, &dc.Orders); err != nil {
					rows.Close()
					return nil, apperr.Wrap(err, "load buyer days")
				}
				bk := buyerKey{shop, c}
				out[bk] = append(out[bk], dc)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, apperr.Wrap(err, "load buyer days")
			}
		}
	}
	return out, nil
}

// addBuyerDays adds order counts to buyer days (rebuild mode).
func addBuyerDays(ctx context.Context, tx bun.IDB, m map[buyerKey][]dayCount) error {
	var rows [][]any
	for bk, days := range m {
		for _, dc := range days {
			if dc.Orders != 0 {
				rows = append(rows, []any{bk.Shop, bk.Customer, dc.Date, dc.Orders})
			}
		}
	}
	return upsert(ctx, tx, "metric_buyer_day", "shop_id, customer_id, date, orders", "shop_id, customer_id, date",
		"orders = metric_buyer_day.orders + excluded.orders", rows)
}

var shopDayCols = []string{"gmv_fen", "paid_orders", "units", "refund_fen", "cost_fen", "cost_unknown_lines", "cost_unknown_fen", "buyers", "anonymous_orders"}

// allShops is the shop id of the rows that sum every shop: metric_shop_day,
// metric_shop_month and metric_buyer_repeat keep them so that a query over
// all shops (the usual view of a manager) reads one shop's worth of rows.
// Buyers are per shop, so distinct buyers and repeat pairs add up across
// shops too.
const allShops = 0

// addAllShops adds each shop's day delta to the all-shops row of that day.
func addAllShops(m map[dayKey]*shopDay) {
	var all []dayKey
	for k := range m {
		if k.Shop != allShops {
			all = append(all, k)
		}
	}
	for _, k := range all {
		ak := dayKey{allShops, k.Date}
		if m[ak] == nil {
			m[ak] = &shopDay{}
		}
		m[ak].add(m[k])
	}
}

// writeShopDays adds the day deltas to metric_shop_day and, with months,
// their sums to metric_shop_month (a rebuild derives the months at the end).
func writeShopDays(ctx context.Context, tx bun.IDB, m map[dayKey]*shopDay, months bool) error {
	monthly := map[dayKey]*shopDay{}
	if err := writeShopRows(ctx, tx, "metric_shop_day", "date", m, func(k dayKey, v *shopDay) {
		if months {
			mk := dayKey{k.Shop, k.Date[:7]}
			if monthly[mk] == nil {
				monthly[mk] = &shopDay{}
			}
			monthly[mk].add(v)
		}
	}); err != nil {
		return err
	}
	return writeShopRows(ctx, tx, "metric_shop_month", "month", monthly, nil)
}

func writeShopRows(ctx context.Context, tx bun.IDB, table, periodCol string, m map[dayKey]*shopDay, each func(dayKey, *shopDay)) error {
	var rows [][]any
	var gone []string
	for k, v := range m {
		if v.zero() {
			continue
		}
		if each != nil {
			each(k, v)
		}
		rows = append(rows, []any{k.Shop, k.Date, v.GMV, v.Orders, v.Units, v.Refund, v.Cost, v.CostUnknownLines, v.CostUnknownFen, v.Buyers, v.Anonymous})
		if v.Orders < 0 || v.Buyers < 0 {
			gone = append(gone, "(shop_id = "+itoa(k.Shop)+" AND "+periodCol+" = "+quote(k.Date)+")")
		}
	}
	if err := upsert(ctx, tx, table, "shop_id, "+periodCol+", "+strings.Join(shopDayCols, ", "), "shop_id, "+periodCol,
		addSet(table, shopDayCols), rows); err != nil {
		return err
	}
	return deleteWhere(ctx, tx, table, gone, allZero(shopDayCols))
}

var skuCols = []string{"units", "paid_fen", "refund_fen", "lines"}

func writeSKUs(ctx context.Context, tx bun.IDB, table, periodCol string, m map[skuKey]*skuSales) error {
	var rows [][]any
	var gone []string
	for k, v := range m {
		if *v == (skuSales{}) {
			continue
		}
		rows = append(rows, []any{k.Shop, k.Period, k.SKU, k.Listing, v.Units, v.Paid, v.Refund, v.Lines})
		if v.Lines < 0 {
			gone = append(gone, "(shop_id = "+itoa(k.Shop)+" AND "+periodCol+" = "+quote(k.Period)+
				" AND sku_id = "+itoa(k.SKU)+" AND listing_id = "+itoa(k.Listing)+")")
		}
	}
	key := "shop_id, " + periodCol + ", sku_id, listing_id"
	if err := upsert(ctx, tx, table, key+", "+strings.Join(skuCols, ", "), key, addSet(table, skuCols), rows); err != nil {
		return err
	}
	return deleteWhere(ctx, tx, table, gone, allZero(skuCols))
}

func writePairs(ctx context.Context, tx bun.IDB, m map[repeatKey]int64) error {
	var rows [][]any
	var gone []string
	for k, n := range m {
		if n == 0 {
			continue
		}
		rows = append(rows, []any{k.Shop, k.Grain, k.Prev, k.Next, n})
		if n < 0 {
			gone = append(gone, "(shop_id = "+itoa(k.Shop)+" AND grain = "+quote(k.Grain)+
				" AND prev_key = "+quote(k.Prev)+" AND next_key = "+quote(k.Next)+")")
		}
	}
	if err := upsert(ctx, tx, "metric_buyer_repeat", "shop_id, grain, prev_key, next_key, buyers", "shop_id, grain, prev_key, next_key",
		"buyers = metric_buyer_repeat.buyers + excluded.buyers", rows); err != nil {
		return err
	}
	return deleteWhere(ctx, tx, "metric_buyer_repeat", gone, "buyers = 0")
}

// upsertChunk bounds the rows of one statement.
const upsertChunk = 400

// upsert writes rows with multi-row INSERT ... ON CONFLICT DO UPDATE (the
// same syntax on SQLite and PostgreSQL) and bound parameters. Rows are
// sorted so that concurrent writers touch rows in the same order. Inside a
// bun.Tx the statement of a full chunk is prepared once per call: parsing a
// long statement again for every chunk was a good part of the hook's cost.
func upsert(ctx context.Context, tx bun.IDB, table, cols, key, set string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	slices.SortFunc(rows, compareRows)
	width := len(rows[0])
	pg := tx.Dialect().Name() == dialect.PG
	statement := func(n int) string {
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + cols + ") VALUES ")
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for j := range width {
				if j > 0 {
					b.WriteByte(',')
				}
				if pg {
					b.WriteString("$" + strconv.Itoa(i*width+j+1))
				} else {
					b.WriteByte('?')
				}
			}
			b.WriteByte(')')
		}
		b.WriteString(" ON CONFLICT (" + key + ") DO UPDATE SET " + set)
		return b.String()
	}
	sqlTx, isTx := tx.(bun.Tx)
	if pg && isTx {
		return upsertUnnest(ctx, sqlTx.Tx, table, cols, key, set, rows)
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, upsertChunk*width)
	for chunk := range slices.Chunk(rows, upsertChunk) {
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		var err error
		switch {
		case !isTx:
			_, err = tx.ExecContext(ctx, statement(len(chunk)), args...) // bun formats the values in
		case len(chunk) == upsertChunk:
			if full == nil {
				if full, err = sqlTx.Tx.PrepareContext(ctx, statement(upsertChunk)); err != nil {
					return apperr.Wrap(err, "write %s", table)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		default:
			_, err = sqlTx.Tx.ExecContext(ctx, statement(len(chunk)), args...)
		}
		if err != nil {
			return apperr.Wrap(err, "write %s", table)
		}
	}
	return nil
}

// upsertUnnest is upsert on PostgreSQL: one statement for all the rows,
// each column bound as one array and spread by unnest, instead of thousands
// of parameters per chunk (the server parses and plans it once).
func upsertUnnest(ctx context.Context, tx *sql.Tx, table, cols, key, set string, rows [][]any) error {
	width := len(rows[0])
	arrays := make([]any, width)
	casts := make([]string, width)
	for j := range width {
		switch rows[0][j].(type) {
		case int64:
			a := make([]int64, len(rows))
			for i, r := range rows {
				a[i] = r[j].(int64)
			}
			arrays[j], casts[j] = a, "$"+strconv.Itoa(j+1)+"::bigint[]"
		case string:
			a := make([]string, len(rows))
			for i, r := range rows {
				a[i] = r[j].(string)
			}
			arrays[j], casts[j] = a, "$"+strconv.Itoa(j+1)+"::text[]"
		default:
			return apperr.New(apperr.Internal, "write %s: column %d holds %T, not int64 or string", table, j+1, rows[0][j])
		}
	}
	q := "INSERT INTO " + table + " (" + cols + ") SELECT * FROM unnest(" + strings.Join(casts, ", ") + ")" +
		" ON CONFLICT (" + key + ") DO UPDATE SET " + set
	if _, err := tx.ExecContext(ctx, q, arrays...); err != nil {
		return apperr.Wrap(err, "write %s", table)
	}
	return nil
}

// compareRows orders rows by their values (int64 and string columns).
func compareRows(a, b []any) int {
	for i := range a {
		var c int
		switch x := a[i].(type) {
		case int64:
			c = cmp.Compare(x, b[i].(int64))
		case string:
			c = strings.Compare(x, b[i].(string))
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// deleteWhere removes the rows matching any of conds (each a parenthesised
// key condition) that also satisfy extra: rollup rows that fell to zero.
func deleteWhere(ctx context.Context, tx bun.IDB, table string, conds []string, extra string) error {
	for chunk := range slices.Chunk(conds, 200) {
		q := "DELETE FROM " + table + " WHERE (" + strings.Join(chunk, " OR ") + ")"
		if extra != "" {
			q += " AND " + extra
		}
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return apperr.Wrap(err, "clean %s", table)
		}
	}
	return nil
}

func addSet(table string, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + " = " + table + "." + c + " + excluded." + c
	}
	return strings.Join(parts, ", ")
}

func allZero(cols []string) string { return strings.Join(cols, " = 0 AND ") + " = 0" }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
