package metrics

import (
	"context"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

func utc(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func (w *world) kpi(q Query) KPIResult {
	w.t.Helper()
	res, err := w.svc.KPI(context.Background(), q, true)
	if err != nil {
		w.t.Fatal(err)
	}
	return res
}

func (w *world) simple(shop, customer int64, paidAt *time.Time, paidFen int64) *order {
	l := w.listings[shop][0]
	return &order{Shop: shop, Customer: customer, PaidAt: paidAt, PaidFen: paidFen, Units: 1,
		Lines: []line{{Listing: l.ID, SKU: l.SKU, Qty: 1, PaidFen: paidFen}}}
}

// An order paid at 2026-11-10T16:30Z is paid on 2026-11-11 in Shanghai;
// one second before 16:00Z is still 2026-11-10.
func TestTimeZoneDayBoundary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, 1, 2)
		s, c := w.shops[0], w.customers[w.shops[0]]
		w.save([]*order{w.simple(s, c[0], utc("2026-11-10T16:30:00Z"), 1000), w.simple(s, c[1], utc("2026-11-10T15:59:59Z"), 300)}, false)
		if got := w.kpi(Query{From: "2026-11-11", To: "2026-11-11"}).Totals; got.GMVFen != 1000 || got.PaidOrders != 1 {
			t.Errorf("2026-11-11: %+v", got)
		}
		if got := w.kpi(Query{From: "2026-11-10", To: "2026-11-10"}).Totals; got.GMVFen != 300 || got.PaidOrders != 1 {
			t.Errorf("2026-11-10: %+v", got)
		}
		days := w.kpi(Query{From: "2026-11-09", To: "2026-11-12"}).Days
		if len(days) != 4 || days[1].GMVFen != 300 || days[2].GMVFen != 1000 || days[0].GMVFen != 0 || days[3].Date != "2026-11-12" {
			t.Errorf("days %+v", days)
		}
	})
}

// Unpaid orders count in no KPI, and an order that loses its payment
// leaves every figure.
func TestUnpaidOrdersCountNowhere(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, 1, 2)
		s, c := w.shops[0], w.customers[w.shops[0]]
		unpaid := w.simple(s, c[0], nil, 5000)
		paid := w.simple(s, c[1], utc("2026-11-11T02:00:00Z"), 700)
		w.save([]*order{unpaid, paid}, false)
		got := w.kpi(Query{From: "2026-01-01", To: "2026-12-31"}).Totals
		if got.GMVFen != 700 || got.PaidOrders != 1 || got.PayingBuyers != 1 || got.Units != 1 || got.CostUnknownLines+got.CostOfGoodsFen == 0 {
			t.Errorf("with one unpaid order: %+v", got)
		}
		paid.PaidAt = nil
		w.save([]*order{paid}, false)
		if got := w.kpi(Query{From: "2026-01-01", To: "2026-12-31"}).Totals; got != (sums{}).totals() {
			t.Errorf("after losing the payment: %+v", got)
		}
		for _, table := range rollupTables {
			if n := dbtest.Count(t, d.R, table); n != 0 {
				t.Errorf("%s keeps %d rows", table, n)
			}
		}
	})
}

// Paying buyers are distinct over the whole period, not a sum of days, also
// across month boundaries; several shops add up (buyers are per shop).
func TestDistinctBuyersAcrossDays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, 2, 3)
		s1, s2 := w.shops[0], w.shops[1]
		a, b := w.customers[s1][0], w.customers[s1][1]
		w.save([]*order{
			w.simple(s1, a, utc("2026-10-31T03:00:00Z"), 100), w.simple(s1, a, utc("2026-11-01T03:00:00Z"), 100),
			w.simple(s1, a, utc("2026-11-01T05:00:00Z"), 100), w.simple(s1, a, utc("2026-12-15T03:00:00Z"), 100),
			w.simple(s1, b, utc("2026-11-20T03:00:00Z"), 100), w.simple(s2, w.customers[s2][0], utc("2026-11-20T03:00:00Z"), 100),
			w.simple(s1, 0, utc("2026-11-20T04:00:00Z"), 100), // no buyer identity: a buyer of its own
		}, false)
		for _, c := range []struct {
			from, to string
			shops    []int64
			buyers   int64
		}{
			{"2026-10-31", "2026-12-15", []int64{s1}, 3},
			{"2026-10-31", "2026-11-01", []int64{s1}, 1},
			{"2026-11-01", "2026-11-01", []int64{s1}, 1},
			{"2026-11-02", "2026-12-14", []int64{s1}, 2},
			{"2026-11-01", "2026-12-31", nil, 4},
			{"2026-12-16", "2026-12-31", nil, 0},
		} {
			res := w.kpi(Query{From: c.from, To: c.to, ShopIDs: c.shops})
			if res.Totals.PayingBuyers != c.buyers {
				t.Errorf("%s..%s %v: paying buyers %d, want %d", c.from, c.to, c.shops, res.Totals.PayingBuyers, c.buyers)
			}
			var daily int64
			for _, day := range res.Days {
				daily += day.PayingBuyers
			}
			if c.from == "2026-10-31" && c.to == "2026-12-15" && daily != 5 {
				t.Errorf("sum of daily buyers %d, want 5 (buyer a on 3 days, b, the anonymous order)", daily)
			}
		}
	})
}

// AOV is GMV / paying buyers rounded half up to the fen.
func TestAOVRoundsHalfUp(t *testing.T) {
	for _, c := range []struct{ num, den, want int64 }{
		{1001, 2, 501}, {1000, 3, 333}, {2000, 3, 667}, {5, 2, 3}, {4, 2, 2}, {7, 0, 0}, {0, 5, 0}, {-5, 2, -3},
	} {
		if got := divRoundHalfUp(c.num, c.den); got != c.want {
			t.Errorf("divRoundHalfUp(%d, %d) = %d, want %d", c.num, c.den, got, c.want)
		}
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, 1, 2)
		s, c := w.shops[0], w.customers[w.shops[0]]
		w.save([]*order{w.simple(s, c[0], utc("2026-11-11T02:00:00Z"), 500), w.simple(s, c[1], utc("2026-11-11T03:00:00Z"), 501)}, false)
		got := w.kpi(Query{From: "2026-11-11", To: "2026-11-11"}).Totals
		if got.AOVFen != 501 || got.AOV.Numerator != 1001 || got.AOV.Denominator != 2 || *got.AOV.Value != 500.5 {
			t.Errorf("AOV %d %+v, want 501 from 1001/2", got.AOVFen, got.AOV)
		}
	})
}

// An operations specialist sees only the assigned shops: no filter means
// those shops, another shop is not found, and the dashboard lists only them.
func TestDataScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, 2, 2)
		s1, s2 := w.shops[0], w.shops[1]
		w.save([]*order{w.simple(s1, w.customers[s1][0], utc("2026-11-11T02:00:00Z"), 100),
			w.simple(s2, w.customers[s2][0], utc("2026-11-11T02:00:00Z"), 900)}, false)
		ops := auth.With(context.Background(), &auth.Principal{UserID: 9, Scope: auth.ScopeShops, Perms: map[string]bool{"metrics:kpi:read": true},
			Depts: []int64{}, Employees: []int64{}, Shops: []int64{s1}})
		res, err := w.svc.KPI(ops, Query{From: "2026-11-01", To: "2026-11-30"}, false)
		if err != nil || res.Totals.GMVFen != 100 {
			t.Errorf("ops sees %+v, %v; want shop 1 only (GMV 100)", res.Totals, err)
		}
		if _, err := w.svc.KPI(ops, Query{From: "2026-11-01", To: "2026-11-30", ShopIDs: []int64{s2}}, false); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("another shop: %v, want not_found", err)
		}
		dash, err := w.svc.Dashboard(ops, Query{From: "2026-11-01", To: "2026-11-30"})
		if err != nil {
			t.Fatal(err)
		}
		top, err := w.svc.TopSKUs(ops, Query{From: "2026-11-01", To: "2026-11-30"}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(dash.Shops) != 1 || dash.Shops[0].ID != s1 || len(dash.ByShop) != 1 || dash.Totals.GMVFen != 100 || len(top) != 1 {
			t.Errorf("dashboard of ops: shops %+v by_shop %d totals %d top %d", dash.Shops, len(dash.ByShop), dash.Totals.GMVFen, len(top))
		}
		nobody := auth.With(context.Background(), &auth.Principal{UserID: 10, Scope: auth.ScopeShops, Shops: []int64{}})
		if res, err := w.svc.KPI(nobody, Query{From: "2026-11-01", To: "2026-11-30"}, false); err != nil || res.Totals.GMVFen != 0 {
			t.Errorf("no shops: %+v %v", res.Totals, err)
		}
	})
}

// Changing the company time zone marks the rollups stale; a partial
// rebuild is refused and a full one adopts the new zone.
func TestTimeZoneChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d, 1, 1)
		s := w.shops[0]
		w.save([]*order{w.simple(s, w.customers[s][0], utc("2026-11-10T20:00:00Z"), 100)}, false) // 11-11 04:00 Shanghai
		sys := w.sys
		st, err := sys.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st.Timezone = "Europe/London"
		if _, err := sys.UpdateSettings(ctx, st); err != nil {
			t.Fatal(err)
		}
		dash, err := w.svc.Dashboard(ctx, Query{From: "2026-11-11", To: "2026-11-11"})
		if err != nil {
			t.Fatal(err)
		}
		if !dash.Timezone.Stale || dash.Timezone.Rollups != "Asia/Shanghai" || dash.Totals.GMVFen != 100 {
			t.Errorf("before rebuild: %+v gmv %d", dash.Timezone, dash.Totals.GMVFen)
		}
		if _, err := w.svc.Rebuild(ctx, []int64{s}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("partial rebuild after a zone change: %v, want invalid", err)
		}
		if _, err := w.svc.Rebuild(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if got := w.kpi(Query{From: "2026-11-10", To: "2026-11-10"}).Totals.GMVFen; got != 100 {
			t.Errorf("in London the order is paid on 11-10: GMV %d", got)
		}
	})
}

func TestPeriods(t *testing.T) {
	p, err := parsePeriod("2026-11-01", "2026-11-30")
	if err != nil || p.Days != 30 {
		t.Fatal(p, err)
	}
	if got := p.Previous(); got.From != "2026-10-02" || got.To != "2026-10-31" || got.Days != 30 {
		t.Errorf("previous %+v", got)
	}
	if got := p.LastYear(); got.From != "2025-11-01" || got.To != "2025-11-30" {
		t.Errorf("last year %+v", got)
	}
	leap, _ := parsePeriod("2028-02-01", "2028-02-29")
	if got := leap.LastYear(); got.From != "2027-02-01" || got.To != "2027-02-28" {
		t.Errorf("leap last year %+v", got)
	}
	head, tail, months := Period{From: "2026-01-15", To: "2026-04-03"}.split()
	if head == nil || head.To != "2026-01-31" || tail == nil || tail.From != "2026-04-01" || len(months) != 2 || months[0] != "2026-02" {
		t.Errorf("split %+v %+v %v", head, tail, months)
	}
	head, tail, months = Period{From: "2026-02-01", To: "2026-02-28"}.split()
	if head != nil || tail != nil || len(months) != 1 {
		t.Errorf("split of a whole month %+v %+v %v", head, tail, months)
	}
	for _, bad := range [][2]string{{"2026-11-31", "2026-12-01"}, {"2026-11-02", "2026-11-01"}, {"2026-01-01", "2040-01-01"}} {
		if _, err := parsePeriod(bad[0], bad[1]); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("parsePeriod(%v): %v", bad, err)
		}
	}
}
