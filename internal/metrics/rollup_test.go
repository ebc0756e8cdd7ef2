package metrics

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

var genStart = time.Date(2025, 9, 20, 0, 0, 0, 0, time.UTC)

const genSpanDays = 470

// randomPaidAt spreads payments over genSpanDays, with one in four within
// an hour of midnight in Shanghai (16:00 UTC) to exercise day boundaries.
func randomPaidAt(rng *rand.Rand) *time.Time {
	day := genStart.AddDate(0, 0, rng.IntN(genSpanDays))
	var t time.Time
	if rng.IntN(4) == 0 {
		t = day.Add(15*time.Hour + time.Duration(rng.IntN(7200))*time.Second)
	} else {
		t = day.Add(time.Duration(rng.IntN(86400)) * time.Second)
	}
	return &t
}

func (w *world) randomOrder(rng *rand.Rand) *order {
	o := &order{Shop: w.shops[rng.IntN(len(w.shops))]}
	w.randomise(rng, o)
	return o
}

// randomise gives o new random facts within its shop: buyer (10% none),
// payment (10% unpaid), lines (some unmatched, some without listing), refunds.
func (w *world) randomise(rng *rand.Rand, o *order) {
	o.Customer = 0
	if rng.IntN(10) > 0 {
		cs := w.customers[o.Shop]
		o.Customer = cs[rng.IntN(len(cs))]
	}
	o.PaidAt = nil
	if rng.IntN(10) > 0 {
		o.PaidAt = randomPaidAt(rng)
	}
	o.Lines, o.PaidFen, o.Units, o.RefundedFen = nil, 0, 0, 0
	for range 1 + rng.IntN(3) {
		var l line
		if rng.IntN(20) > 0 {
			ref := w.listings[o.Shop][rng.IntN(len(w.listings[o.Shop]))]
			l.Listing, l.SKU = ref.ID, ref.SKU
		}
		l.Qty = 1 + rng.Int64N(3)
		l.PaidFen = l.Qty * (990 + rng.Int64N(20000))
		if rng.IntN(6) == 0 {
			l.RefundFen = rng.Int64N(l.PaidFen + 1)
		}
		o.Lines = append(o.Lines, l)
		o.PaidFen += l.PaidFen
		o.Units += l.Qty
		o.RefundedFen += l.RefundFen
	}
	o.PaidFen += rng.Int64N(3) * 500 // shipping paid on top of the lines
}

// randomTraffic adds shop-level traffic on most days, and product-level
// rows that the shop metrics must ignore.
func (w *world) randomTraffic(rng *rand.Rand) {
	w.t.Helper()
	for _, shop := range w.shops {
		for day := range genSpanDays {
			if rng.IntN(5) == 0 {
				continue
			}
			date := genStart.AddDate(0, 0, day).Format(time.DateOnly)
			for _, item := range []string{"", "item-x"} {
				v := 50 + rng.Int64N(500)
				if _, err := w.d.W.ExecContext(context.Background(), `INSERT INTO traffic_daily (shop_id, date, item_id, visitors, page_views, favourite_buyers, cart_buyers)
					VALUES (?, ?, ?, ?, ?, ?, ?)`, shop, date, item, v, v*3, v/10, v/7); err != nil {
					w.t.Fatal(err)
				}
			}
		}
	}
}

// snapshot reads every rollup table in key order.
func snapshot(t testing.TB, d *db.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range rollupTables {
		rows, err := d.R.QueryContext(context.Background(), "SELECT * FROM "+table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]string, len(cols))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				parts[i] = cols[i] + "=" + fmt.Sprint(v)
			}
			out[table] = append(out[table], strings.Join(parts, " "))
		}
		rows.Close()
		slices.Sort(out[table])
	}
	return out
}

// TestIncrementalEqualsRebuild: after a random sequence of inserts, updates
// (payment moved, unpaid, buyer changed, lines and refunds changed) and
// deletes, each batch maintained by OnOrderChange, the rollups equal those
// `kpi rebuild` computes from the orders, and the KPIs of random periods
// and shop sets equal the golden figures computed from the raw rows.
func TestIncrementalEqualsRebuild(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d, 3, 25)
		rng := rand.New(rand.NewPCG(7, 11))
		w.randomTraffic(rng)
		var saved []*order
		for step := range 40 {
			switch {
			case step < 8 || rng.IntN(3) == 0:
				batch := make([]*order, 25)
				for i := range batch {
					batch[i] = w.randomOrder(rng)
				}
				w.save(batch, false)
				saved = append(saved, batch...)
			case rng.IntN(5) == 0:
				i := rng.IntN(len(saved))
				w.save([]*order{saved[i]}, true)
				saved = slices.Delete(saved, i, i+1)
			default:
				picked := map[int]bool{}
				var batch []*order
				for range 12 {
					i := rng.IntN(len(saved))
					if picked[i] {
						continue
					}
					picked[i] = true
					o := saved[i]
					switch rng.IntN(4) {
					case 0: // the payment moves a few days (or becomes unpaid / paid)
						if o.PaidAt == nil || rng.IntN(4) == 0 {
							o.PaidAt = randomPaidAt(rng)
						} else {
							o.PaidAt = ptime(o.PaidAt.AddDate(0, 0, rng.IntN(9)-4))
						}
					case 1: // a refund arrives
						o.RefundedFen = o.PaidFen / 2
					default:
						w.randomise(rng, o)
					}
					batch = append(batch, o)
				}
				w.save(batch, false)
			}
		}
		checkGolden(t, w, rng, "incremental")
		incremental := snapshot(t, d)
		rep, err := w.svc.Rebuild(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		rebuilt := snapshot(t, d)
		for _, table := range rollupTables {
			if len(rebuilt[table]) == 0 {
				t.Fatalf("%s is empty after rebuild", table)
			}
			if !reflect.DeepEqual(incremental[table], rebuilt[table]) {
				t.Errorf("%s: incremental and rebuild differ (%d vs %d rows)\n%s", table, len(incremental[table]), len(rebuilt[table]),
					firstDiff(incremental[table], rebuilt[table]))
			}
		}
		if rep.Orders == 0 || rep.Timezone != "Asia/Shanghai" {
			t.Errorf("rebuild report %+v", rep)
		}
		checkGolden(t, w, rng, "rebuilt")
		// a partial rebuild of one shop changes nothing either
		if _, err := w.svc.Rebuild(ctx, w.shops[:1]); err != nil {
			t.Fatal(err)
		}
		if again := snapshot(t, d); !reflect.DeepEqual(again, rebuilt) {
			t.Error("partial rebuild changed the rollups")
		}
	})
}

func firstDiff(a, b []string) string {
	for i := range max(len(a), len(b)) {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return "incremental: " + x + "\nrebuild:     " + y
		}
	}
	return ""
}

// checkGolden compares KPI totals and per-day series with the golden
// figures for random periods and shop sets, plus the whole span.
func checkGolden(t *testing.T, w *world, rng *rand.Rand, what string) {
	t.Helper()
	ctx := context.Background()
	g := loadGolden(t, w.d, time.FixedZone("CST", 8*3600))
	for i := range 40 {
		from := genStart.AddDate(0, 0, rng.IntN(genSpanDays)-3)
		to := from.AddDate(0, 0, rng.IntN(200))
		if i == 0 {
			from, to = genStart.AddDate(0, 0, -1), genStart.AddDate(0, 0, genSpanDays+1)
		}
		var shops []int64
		for _, id := range w.shops {
			if rng.IntN(2) == 0 {
				shops = append(shops, id)
			}
		}
		q := Query{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), ShopIDs: shops}
		if len(shops) == 0 {
			shops = w.shops // no shop filter: every shop in scope
		}
		res, err := w.svc.KPI(ctx, q, i%8 == 0)
		if err != nil {
			t.Fatal(err)
		}
		assertTotals(t, fmt.Sprintf("%s %s..%s shops %v", what, q.From, q.To, shops), res.Totals, g.expect(shops, q.From, q.To))
		for _, day := range res.Days {
			assertTotals(t, what+" day "+day.Date, day.Totals, g.expect(shops, day.Date, day.Date))
		}
	}
}
