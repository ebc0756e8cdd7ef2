package metrics

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"ecomops/internal/catalog"
	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/db"
	"ecomops/internal/system"
)

// The KPI benchmarks run on a generated database of benchOrders() orders
// (default 10M; ECOMOPS_BENCH_ORDERS overrides) over two years, written
// directly with multi-row INSERTs (not through the importer, to keep the
// setup time sane) and then rolled up with Rebuild. The database is kept in
// ECOMOPS_BENCH_DIR (default $TMPDIR/ecomops-bench) and reused by later runs.
//
// Shape: 20 shops of Zipf-like sizes on five platforms; 2025-01-01 to
// 2026-12-31 with 618 and 双11 peaks, weekends and growth; per shop a pool of
// buyers a third the size of its orders, drawn with a skew so that loyal
// buyers repeat often; 7% unpaid, 2% without buyer identity, 8% refunded;
// 1-3 lines from 200 listings per shop (180 matched to SKUs, 20 unmatched).

var (
	benchFrom = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	benchDays = 730
)

const benchShops = 20

func benchOrders() int {
	if v, err := strconv.Atoi(os.Getenv("ECOMOPS_BENCH_ORDERS")); err == nil && v > 0 {
		return v
	}
	return 10_000_000
}

// benchEnv is an opened bench database.
type benchEnv struct {
	d     *db.DB
	svc   *Service
	shops []int64
	kind  db.Kind
}

// openBench opens (creating on first use) the bench database of the engine.
func openBench(b *testing.B, kind db.Kind) *benchEnv {
	b.Helper()
	ctx := context.Background()
	dir := os.Getenv("ECOMOPS_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "ecomops-bench")
	}
	n := benchOrders()
	var dsn, ready string
	if kind == db.Postgres {
		server := os.Getenv("ECOMOPS_TEST_POSTGRES")
		if server == "" {
			b.Skip("set ECOMOPS_TEST_POSTGRES to benchmark PostgreSQL")
		}
		name := fmt.Sprintf("ecomops_bench_kpi_%d", n)
		dsn = pgDatabaseDSN(b, server, name)
		ready = filepath.Join(dir, name+".pg.ready")
	} else {
		dsn = filepath.Join(dir, fmt.Sprintf("kpi-%d.db", n))
		ready = dsn + ".ready"
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(ready); err != nil {
		if kind == db.SQLite {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(dsn + suffix)
			}
		} else {
			recreatePG(b, os.Getenv("ECOMOPS_TEST_POSTGRES"), fmt.Sprintf("ecomops_bench_kpi_%d", n))
		}
	}
	d, err := db.OpenMigrated(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	sys := system.New(d)
	if err := sys.Seed(ctx); err != nil {
		b.Fatal(err)
	}
	o := org.New(d, iam.New(d, nil), nil)
	env := &benchEnv{d: d, svc: New(d, o, catalog.New(d, nil), sys.Location, nil), kind: kind}
	if _, err := os.Stat(ready); err != nil {
		start := time.Now()
		env.generate(b, n)
		gen := time.Since(start)
		rep, err := env.svc.Rebuild(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d orders in %s; kpi rebuild %d paid orders in %.0fs", n, gen.Round(time.Second), rep.Orders, rep.Seconds)
		// shop-level traffic proportional to the orders, then planner statistics
		env.exec(b, "INSERT INTO traffic_daily (shop_id, date, visitors, page_views, favourite_buyers, cart_buyers) "+
			"SELECT shop_id, date, paid_orders * 40, paid_orders * 130, paid_orders * 3, paid_orders * 5 FROM metric_shop_day")
		env.exec(b, "ANALYZE")
		if err := os.WriteFile(ready, []byte(time.Now().Format(time.RFC3339)+"\n"), 0o640); err != nil {
			b.Fatal(err)
		}
	}
	shops, _, err := o.ListShops(ctx, org.ShopFilter{})
	if err != nil {
		b.Fatal(err)
	}
	for _, sh := range shops {
		env.shops = append(env.shops, sh.ID)
	}
	return env
}

func pgDatabaseDSN(b *testing.B, server, name string) string {
	i := strings.LastIndex(server, "/")
	q := strings.Index(server[i:], "?")
	if q < 0 {
		return server[:i] + "/" + name
	}
	return server[:i] + "/" + name + server[i+q:]
}

func recreatePG(b *testing.B, server, name string) {
	admin, err := db.Open(server)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	admin.W.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	if _, err := admin.W.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		b.Fatal(err)
	}
}

// dayWeight is the relative order volume of a day: growth, weekends, 618,
// 双11 and 双12 peaks, a quiet Spring Festival.
func dayWeight(d time.Time) float64 {
	w := 1.0
	if d.Year() == 2026 {
		w *= 1.25
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		w *= 1.2
	}
	m, day := d.Month(), d.Day()
	switch {
	case m == time.June && day <= 18:
		w *= 1.8
		if day == 18 {
			w *= 2.5
		}
	case m == time.November && day <= 11:
		w *= 1.5 + float64(day)/4
		if day == 11 {
			w *= 3
		}
	case m == time.December && day == 12:
		w *= 3
	case m == time.February && day <= 14:
		w *= 0.6
	}
	return w
}

// generate writes shops, SKUs, listings, customers, orders and lines.
func (e *benchEnv) generate(b *testing.B, n int) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(2026, 1111))
	if e.kind == db.SQLite {
		// bulk load: the writer connection is the only one writing
		e.exec(b, "PRAGMA synchronous=OFF")
		e.exec(b, "PRAGMA foreign_keys=OFF")
		defer e.exec(b, "PRAGMA synchronous=FULL")
		defer e.exec(b, "PRAGMA foreign_keys=ON")
	}
	platforms := []string{"tmall", "taobao", "jd", "pdd", "douyin"}
	shopWeight := make([]float64, benchShops)
	var total float64
	for i := range benchShops {
		sh, err := e.svc.org.CreateShop(ctx, org.Shop{Code: fmt.Sprintf("B%02d", i+1), Platform: platforms[i%len(platforms)], Name: fmt.Sprintf("Bench shop %d", i+1)})
		if err != nil {
			b.Fatal(err)
		}
		e.shops = append(e.shops, sh.ID)
		shopWeight[i] = 1 / math.Pow(float64(i+1), 0.8)
		total += shopWeight[i]
	}
	now := "'2026-12-31 00:00:00+00:00'"
	const skus, listingsPerShop = 3000, 200
	var rows []string
	for i := 1; i <= skus; i++ {
		rows = append(rows, fmt.Sprintf("(%d,'BSKU%05d','Bench SKU %d',%d,%s,%s)", i, i, i, 300+rng.IntN(20000), now, now))
	}
	e.insert(b, "skus (id, merchant_code, name, cost_fen, created_at, updated_at)", rows)
	rows = rows[:0]
	price := map[int64]int64{}
	for s, shop := range e.shops {
		for j := range listingsPerShop {
			id := int64(s*listingsPerShop + j + 1)
			sku := "NULL"
			if j < 180 {
				sku = strconv.Itoa(1 + (s*137+j*7)%skus)
			}
			price[id] = int64(990 + rng.IntN(30000))
			rows = append(rows, fmt.Sprintf("(%d,%d,'bi%d','Bench listing %d',%s,%d,%s,%s)", id, shop, id, id, sku, price[id], now, now))
		}
	}
	e.insert(b, "listings (id, shop_id, platform_item_id, title, sku_id, price_fen, created_at, updated_at)", rows)
	skuOf := func(listing int64) string {
		j := (listing - 1) % listingsPerShop
		if j >= 180 {
			return "NULL"
		}
		s := (listing - 1) / listingsPerShop
		return strconv.Itoa(1 + (int(s)*137+int(j)*7)%skus)
	}
	// buyer pools: a third of each shop's orders, ids contiguous per shop
	poolBase := make([]int64, benchShops)
	poolSize := make([]int64, benchShops)
	next := int64(1)
	for i := range benchShops {
		poolBase[i] = next
		poolSize[i] = int64(float64(n)*shopWeight[i]/total/3) + 1
		next += poolSize[i]
	}
	rows = rows[:0]
	for i, shop := range e.shops {
		for c := range poolSize[i] {
			rows = append(rows, fmt.Sprintf("(%d,%d,'bb%d',%s,%s)", poolBase[i]+c, shop, c, now, now))
			if len(rows) == 50000 {
				e.insert(b, "customers (id, shop_id, buyer_key, created_at, updated_at)", rows)
				rows = rows[:0]
			}
		}
	}
	e.insert(b, "customers (id, shop_id, buyer_key, created_at, updated_at)", rows)

	var dayTotal float64
	for d := range benchDays {
		dayTotal += dayWeight(benchFrom.AddDate(0, 0, d))
	}
	cum := make([]float64, benchShops)
	acc := 0.0
	for i := range benchShops {
		acc += shopWeight[i] / total
		cum[i] = acc
	}
	var orderRows, lineRows []string
	flush := func() {
		e.insert(b, "orders (id, shop_id, order_no, status, customer_id, ordered_at, paid_at, goods_fen, paid_fen, refunded_fen, units, created_at, updated_at)", orderRows)
		e.insert(b, "order_lines (id, order_id, line_no, listing_id, sku_id, quantity, unit_price_fen, paid_fen, refunded_fen)", lineRows)
		orderRows, lineRows = orderRows[:0], lineRows[:0]
	}
	orderID, lineID, made := int64(0), int64(0), 0
	for d := range benchDays {
		day := benchFrom.AddDate(0, 0, d)
		count := int(float64(n) * dayWeight(day) / dayTotal)
		if d == benchDays-1 {
			count = n - made
		}
		made += count
		start := day.Add(-8 * time.Hour) // midnight in Shanghai
		for range count {
			orderID++
			u := rng.Float64()
			s := 0
			for s < benchShops-1 && u > cum[s] {
				s++
			}
			at := start.Add(time.Duration(rng.IntN(86400)) * time.Second)
			ts := "'" + at.Format("2006-01-02 15:04:05") + "+00:00'"
			paid, status := ts, "'completed'"
			if rng.IntN(100) < 7 {
				paid, status = "NULL", "'closed'"
			}
			cust := "NULL"
			if rng.IntN(100) >= 2 {
				r := rng.Float64()
				cust = strconv.FormatInt(poolBase[s]+int64(r*r*float64(poolSize[s])), 10)
			}
			nl := 1
			if r := rng.IntN(100); r >= 95 {
				nl = 3
			} else if r >= 75 {
				nl = 2
			}
			var paidFen, refund, units int64
			refunded := rng.IntN(100) < 8
			for ln := 1; ln <= nl; ln++ {
				lineID++
				r := rng.Float64()
				listing := int64(s*listingsPerShop) + 1 + int64(r*r*listingsPerShop)
				qty := int64(1 + rng.IntN(2))
				lp := qty * price[listing]
				var lr int64
				if refunded && ln == 1 {
					lr = lp
				}
				paidFen += lp
				refund += lr
				units += qty
				lineRows = append(lineRows, fmt.Sprintf("(%d,%d,%d,%d,%s,%d,%d,%d,%d)", lineID, orderID, ln, listing, skuOf(listing), qty, price[listing], lp, lr))
			}
			orderRows = append(orderRows, fmt.Sprintf("(%d,%d,'B%010d',%s,%s,%s,%s,%d,%d,%d,%d,%s,%s)",
				orderID, e.shops[s], orderID, status, cust, ts, paid, paidFen, paidFen, refund, units, ts, ts))
			if len(orderRows) == 20000 {
				flush()
			}
		}
	}
	flush()
}

func (e *benchEnv) exec(b *testing.B, q string) {
	if _, err := e.d.W.ExecContext(context.Background(), q); err != nil {
		b.Fatal(err)
	}
}

// insert writes pre-formatted rows in one transaction, 1000 per statement.
func (e *benchEnv) insert(b *testing.B, into string, rows []string) {
	if len(rows) == 0 {
		return
	}
	ctx := context.Background()
	tx, err := e.d.W.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(rows); i += 1000 {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+into+" VALUES "+strings.Join(rows[i:min(i+1000, len(rows))], ",")); err != nil {
			tx.Rollback()
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
