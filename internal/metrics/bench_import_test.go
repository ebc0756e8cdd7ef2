package metrics

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/catalog"
	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/sales"
	"ecomops/internal/sales/gen"
	"ecomops/internal/system"
)

// BenchmarkRollupOverhead imports the same generated Taobao export
// (ECOMOPS_BENCH_IMPORT_ORDERS orders, default 200k, a year of orders with
// repeat buyers) with the real sales importer into fresh databases, with and
// without the rollup hook, alternating three times, and reports the median
// import times, their difference (overhead-%) and the time spent inside the
// hook against the rest of the same import (hook-share-%, which a busy
// machine disturbs far less). Run with -benchtime 1x:
//
//	go test ./internal/metrics -run '^$' -bench RollupOverhead -benchtime 1x -timeout 1h
func BenchmarkRollupOverhead(b *testing.B)         { benchOverhead(b, db.SQLite) }
func BenchmarkRollupOverheadPostgres(b *testing.B) { benchOverhead(b, db.Postgres) }

func benchOverhead(b *testing.B, kind db.Kind) {
	if kind == db.Postgres {
		dbtest.PostgresDSN(b)
	}
	n := 200_000
	if v, err := strconv.Atoi(os.Getenv("ECOMOPS_BENCH_IMPORT_ORDERS")); err == nil && v > 0 {
		n = v
	}
	dir := b.TempDir()
	orders, items := filepath.Join(dir, "ExportOrderList.csv"), filepath.Join(dir, "ExportOrderDetailList.csv")
	fo, _ := os.Create(orders)
	fi, _ := os.Create(items)
	cfg := gen.Config{Seed: 7, Platform: "tmall", Orders: n, From: time.Date(2025, 12, 1, 0, 0, 0, 0, shanghai),
		To: time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai), Loc: shanghai}
	if err := gen.WriteTaobao(fo, fi, gen.Generate(cfg)); err != nil {
		b.Fatal(err)
	}
	fo.Close()
	fi.Close()
	files := []sales.InputFile{{Path: orders, Name: "ExportOrderList.csv"}, {Path: items, Name: "ExportOrderDetailList.csv"}}
	var plain, hooked, share, cpuShare []time.Duration
	for round := range 3 {
		for _, hook := range []bool{round%2 == 0, round%2 != 0} {
			r := importOnce(b, kind, files, hook)
			if hook {
				hooked = append(hooked, r.wall)
				// the hook's own time against the rest of the same import
				share = append(share, ratio(r.hookWall, r.wall-r.hookWall))
				cpuShare = append(cpuShare, ratio(r.hookCPU, r.cpu-r.hookCPU))
			} else {
				plain = append(plain, r.wall)
			}
			b.Logf("round %d, hook %v: %v, CPU %v (in the hook %v, CPU %v)", round+1, hook, r.wall.Round(time.Millisecond),
				r.cpu.Round(time.Millisecond), r.hookWall.Round(time.Millisecond), r.hookCPU.Round(time.Millisecond))
		}
	}
	p, h := median(plain), median(hooked)
	b.ReportMetric(p.Seconds(), "plain-s")
	b.ReportMetric(h.Seconds(), "hook-s")
	b.ReportMetric(100*(h.Seconds()-p.Seconds())/p.Seconds(), "overhead-%")
	b.ReportMetric(100*median(share).Seconds(), "hook-share-%")
	b.ReportMetric(100*median(cpuShare).Seconds(), "hook-cpu-share-%")
	b.ReportMetric(float64(n)/h.Seconds(), "orders/s")
	b.ReportMetric(0, "ns/op")
}

// importRun is the timing of one import: wall clock and process CPU time,
// of the whole import and of the time inside the hook.
type importRun struct{ wall, cpu, hookWall, hookCPU time.Duration }

// cpuTime is the process's user+system CPU time so far. A busy machine
// stretches wall time; CPU time counts only the work done.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ratio(a, b time.Duration) time.Duration {
	return time.Duration(float64(time.Second) * a.Seconds() / b.Seconds())
}

// importOnce imports the files into a fresh database and times the import
// and, with the hook, the time spent inside it.
func importOnce(b *testing.B, kind db.Kind, files []sales.InputFile, hook bool) importRun {
	ctx := context.Background()
	var d *db.DB
	if kind == db.Postgres {
		d = dbtest.Postgres(b)
	} else {
		d = dbtest.SQLite(b)
	}
	sys := system.New(d)
	if err := sys.Seed(ctx); err != nil {
		b.Fatal(err)
	}
	o := org.New(d, iam.New(d, nil), nil)
	if _, err := o.CreateShop(ctx, org.Shop{Code: "TM01", Platform: "tmall", Name: "bench"}); err != nil {
		b.Fatal(err)
	}
	cat := catalog.New(d, nil)
	for i, p := range gen.DefaultProducts() {
		if i%3 != 2 {
			if _, err := cat.CreateSKU(ctx, catalog.SKU{MerchantCode: p.MerchantCode, Name: p.Title, CostFen: p.CostFen}); err != nil {
				b.Fatal(err)
			}
		}
	}
	sl := sales.New(d, o, cat, nil, sys.Location)
	var r importRun
	if hook {
		m := New(d, o, cat, sys.Location, nil)
		sl.OnChange = func(ctx context.Context, tx bun.IDB, changes []sales.OrderChange) error {
			start, cpu := time.Now(), cpuTime()
			err := m.OnOrderChange(ctx, tx, changes)
			r.hookWall += time.Since(start)
			r.hookCPU += cpuTime() - cpu
			return err
		}
	}
	runtime.GC()
	start, cpu := time.Now(), cpuTime()
	res, err := sl.ImportOrders(ctx, sales.ImportRequest{ShopCode: "TM01", Format: "taobao", Files: files})
	r.wall, r.cpu = time.Since(start), cpuTime()-cpu
	if err != nil || res.Rejected != 0 || res.Inserted == 0 {
		b.Fatalf("import: %v %+v", err, fmt.Sprint(res.Status, res.Rows, res.Rejected))
	}
	if hook && dbtest.Count(b, d.R, "metric_shop_day") == 0 {
		b.Fatal("the hook wrote no rollups")
	}
	d.Close()
	return r
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkHook times OnOrderChange alone on batches of 5000 new orders
// (about a day each, buyers from a skewed pool of 100k so a third repeat),
// the shape of an import of a recent export; ns/order is the hook's cost
// per imported order.
func BenchmarkHook(b *testing.B) {
	d := dbtest.SQLite(b)
	w := newWorld(b, d, 2, 0)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(9, 9))
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var id int64
	batch := func() []sales.OrderChange {
		changes := make([]sales.OrderChange, 5000)
		for i := range changes {
			id++
			r := rng.Float64()
			shop := w.shops[rng.IntN(2)]
			o := &order{ID: id, Shop: shop, Customer: 1 + int64(r*r*100000), PaidAt: ptime(day.Add(time.Duration(rng.IntN(86400)) * time.Second))}
			for range 1 + rng.IntN(2) {
				l := w.listings[shop][rng.IntN(6)]
				o.Lines = append(o.Lines, line{Listing: l.ID, SKU: l.SKU, Qty: 1, PaidFen: 5000})
				o.PaidFen += 5000
				o.Units++
			}
			changes[i] = sales.OrderChange{New: o.facts()}
		}
		day = day.AddDate(0, 0, 1)
		return changes
	}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		changes := batch()
		b.StartTimer()
		if err := d.InTx(ctx, func(ctx context.Context, tx bun.Tx) error { return w.svc.OnOrderChange(ctx, tx, changes) }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*5000), "ns/order")
}
