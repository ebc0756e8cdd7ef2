package metrics

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"ecomops/internal/platform/db"
)

// Run (figures in docs/BENCHMARKS.md):
//
//	go test ./internal/metrics -run '^$' -bench 'KPIQuery|Dashboard' -benchtime 200x -timeout 3h
//
// The first run generates the bench database (see bench_data_test.go).

func BenchmarkKPIQuery(b *testing.B)         { benchKPI(b, db.SQLite) }
func BenchmarkKPIQueryPostgres(b *testing.B) { benchKPI(b, db.Postgres) }
func BenchmarkDashboard(b *testing.B)        { benchDashboard(b, db.SQLite) }
func BenchmarkDashboardPostgres(b *testing.B) {
	benchDashboard(b, db.Postgres)
}
func BenchmarkTopSKUs(b *testing.B) { benchTopSKUs(b, db.SQLite) }

// benchQuery draws a period of 1 to 730 days (log-uniform, so short and
// long periods are equally represented) anywhere in the data, over every
// shop (half the time), one shop or five shops.
func benchQuery(rng *rand.Rand, shops []int64) Query {
	days := int(math.Exp(rng.Float64() * math.Log(float64(benchDays))))
	from := benchFrom.AddDate(0, 0, rng.IntN(benchDays-days+1))
	q := Query{From: from.Format(time.DateOnly), To: from.AddDate(0, 0, days-1).Format(time.DateOnly)}
	switch rng.IntN(4) {
	case 0:
		q.ShopIDs = []int64{shops[rng.IntN(len(shops))]}
	case 1:
		for _, i := range rng.Perm(len(shops))[:5] {
			q.ShopIDs = append(q.ShopIDs, shops[i])
		}
	}
	return q
}

// benchKPI times KPI totals plus the per-day series on the rollups for
// b.N random queries and reports p50/p95/max of the wall time and of the
// process CPU time (which a machine shared with other work disturbs less). For the first twelve queries
// it also times the same figures computed with GROUP BY over the orders
// table (GMV, orders, units, refunds, distinct buyers per day and for the
// period; no cost, no traffic, so the reference is if anything flattered),
// checks both agree and reports the ratio of the medians.
func benchKPI(b *testing.B, kind db.Kind) {
	env := openBench(b, kind)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(42, uint64(kind[0])))
	loc, err := env.svc.zone(ctx, env.d.R, false)
	if err != nil {
		b.Fatal(err)
	}
	var fast, cpu, raw, pairedFast []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := benchQuery(rng, env.shops)
		start, c := time.Now(), cpuTime()
		res, err := env.svc.KPI(ctx, q, true)
		took := time.Since(start)
		cpu = append(cpu, cpuTime()-c)
		if err != nil {
			b.Fatal(err)
		}
		fast = append(fast, took)
		if i < 12 {
			b.StopTimer()
			rt, tot := rawKPI(b, env, q, loc)
			if tot.GMVFen != res.Totals.GMVFen || tot.PaidOrders != res.Totals.PaidOrders || tot.PayingBuyers != res.Totals.PayingBuyers {
				b.Fatalf("%s..%s %v: rollups %+v, orders table %+v", q.From, q.To, q.ShopIDs, res.Totals, tot)
			}
			raw = append(raw, rt)
			pairedFast = append(pairedFast, took)
			b.Logf("%s..%s (%d shops): rollups %v, GROUP BY on orders %v", q.From, q.To, len(q.ShopIDs), took.Round(time.Microsecond), rt.Round(time.Millisecond))
			b.StartTimer()
		}
	}
	b.StopTimer()
	report(b, "", fast)
	report(b, "cpu-", cpu)
	report(b, "raw-", raw)
	b.ReportMetric(float64(pct(raw, 50))/float64(pct(pairedFast, 50)), "raw/rollup")
}

func benchDashboard(b *testing.B, kind db.Kind) {
	env := openBench(b, kind)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(43, uint64(kind[0])))
	var took, cpu []time.Duration
	b.ResetTimer()
	for b.Loop() {
		q := benchQuery(rng, env.shops)
		start, c := time.Now(), cpuTime()
		if _, err := env.svc.Dashboard(ctx, q); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		cpu = append(cpu, cpuTime()-c)
	}
	b.StopTimer()
	report(b, "", took)
	report(b, "cpu-", cpu)
}

func benchTopSKUs(b *testing.B, kind db.Kind) {
	env := openBench(b, kind)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(44, uint64(kind[0])))
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		q := benchQuery(rng, env.shops)
		start := time.Now()
		if _, err := env.svc.TopSKUs(ctx, q, 10); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	report(b, "", took)
}

func report(b *testing.B, prefix string, ds []time.Duration) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(pct(ds, 50)), prefix+"p50-ms")
	b.ReportMetric(ms(pct(ds, 95)), prefix+"p95-ms")
	b.ReportMetric(ms(slices.Max(ds)), prefix+"max-ms")
	b.ReportMetric(0, "ns/op") // the percentiles are the figures; the mean says little
}

func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(float64(p)/100*float64(len(s)))) - 1
	return s[max(i, 0)]
}

// rawKPI computes the per-day and period figures straight from orders.
func rawKPI(b *testing.B, env *benchEnv, q Query, loc *time.Location) (time.Duration, Totals) {
	ctx := context.Background()
	p, _ := parsePeriod(q.From, q.To)
	from, to := p.instants(loc)
	where := "paid_at >= ? AND paid_at < ?"
	args := []any{from, to}
	if len(q.ShopIDs) > 0 {
		where += " AND shop_id IN (" + joinIDs(q.ShopIDs) + ")"
	}
	day := "date(paid_at, '+8 hours')" // Asia/Shanghai has no daylight saving
	if env.kind == db.Postgres {
		day = "(paid_at AT TIME ZONE '" + loc.String() + "')::date"
	}
	start := time.Now()
	var days []struct {
		D                            string `bun:"d"`
		GMV, Orders, Units, Refunded int64
		Buyers, Anonymous            int64
	}
	if err := env.d.R.NewRaw("SELECT "+day+" AS d, SUM(paid_fen) AS gmv, COUNT(*) AS orders, SUM(units) AS units, SUM(refunded_fen) AS refunded, "+
		"COUNT(DISTINCT customer_id) AS buyers, SUM(CASE WHEN customer_id IS NULL THEN 1 ELSE 0 END) AS anonymous FROM orders WHERE "+where+
		" GROUP BY "+day, args...).Scan(ctx, &days); err != nil {
		b.Fatal(err)
	}
	var t struct{ GMV, Orders, Buyers, Anonymous int64 }
	if err := env.d.R.NewRaw("SELECT COALESCE(SUM(paid_fen), 0) AS gmv, COUNT(*) AS orders, COUNT(DISTINCT customer_id) AS buyers, "+
		"COALESCE(SUM(CASE WHEN customer_id IS NULL THEN 1 ELSE 0 END), 0) AS anonymous FROM orders WHERE "+where, args...).Scan(ctx, &t); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	return took, Totals{GMVFen: t.GMV, PaidOrders: t.Orders, PayingBuyers: t.Buyers + t.Anonymous}
}
