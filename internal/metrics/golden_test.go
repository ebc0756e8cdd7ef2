package metrics

import (
	"context"
	"encoding/json"
	"math/big"
	"slices"
	"testing"
	"time"

	"ecomops/internal/platform/db"
)

// golden computes the expected KPIs straight from the raw order, line, SKU
// and traffic rows with the registry's definitions, without the rollups or
// their query code: sets of buyers, plain sums, exact rational AOV.
type golden struct {
	orders  []rawOrder
	lines   map[int64][]rawLine
	cost    map[int64]int64
	traffic []rawTraffic
	loc     *time.Location
}

type rawOrder struct {
	ID, ShopID               int64
	CustomerID               *int64
	PaidAt                   *time.Time
	PaidFen, Refunded, Units int64
}

type rawLine struct {
	SKUID           *int64
	Qty, Paid, Refd int64
}

type rawTraffic struct {
	ShopID                   int64
	Date                     string
	Visitors, PV, Favs, Cart int64
}

func loadGolden(t testing.TB, d *db.DB, loc *time.Location) *golden {
	t.Helper()
	ctx := context.Background()
	g := &golden{lines: map[int64][]rawLine{}, cost: map[int64]int64{}, loc: loc}
	rows, err := d.R.QueryContext(ctx, "SELECT id, shop_id, customer_id, paid_at, paid_fen, refunded_fen, units FROM orders")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var o rawOrder
		var paid any
		if err := rows.Scan(&o.ID, &o.ShopID, &o.CustomerID, &paid, &o.PaidFen, &o.Refunded, &o.Units); err != nil {
			t.Fatal(err)
		}
		o.PaidAt = parseAnyTime(t, paid)
		g.orders = append(g.orders, o)
	}
	rows.Close()
	lr, err := d.R.QueryContext(ctx, "SELECT order_id, sku_id, quantity, paid_fen, refunded_fen FROM order_lines")
	if err != nil {
		t.Fatal(err)
	}
	for lr.Next() {
		var id int64
		var l rawLine
		if err := lr.Scan(&id, &l.SKUID, &l.Qty, &l.Paid, &l.Refd); err != nil {
			t.Fatal(err)
		}
		g.lines[id] = append(g.lines[id], l)
	}
	lr.Close()
	cr, err := d.R.QueryContext(ctx, "SELECT id, cost_fen FROM skus")
	if err != nil {
		t.Fatal(err)
	}
	for cr.Next() {
		var id, c int64
		cr.Scan(&id, &c)
		g.cost[id] = c
	}
	cr.Close()
	tr, err := d.R.QueryContext(ctx, "SELECT shop_id, date, visitors, page_views, favourite_buyers, cart_buyers FROM traffic_daily WHERE item_id = ''")
	if err != nil {
		t.Fatal(err)
	}
	for tr.Next() {
		var r rawTraffic
		tr.Scan(&r.ShopID, &r.Date, &r.Visitors, &r.PV, &r.Favs, &r.Cart)
		g.traffic = append(g.traffic, r)
	}
	tr.Close()
	return g
}

// parseAnyTime reads a timestamp as either driver returns it.
func parseAnyTime(t testing.TB, v any) *time.Time {
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		return &x
	case string:
		for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano} {
			if tm, err := time.Parse(layout, x); err == nil {
				return &tm
			}
		}
	case []byte:
		return parseAnyTime(t, string(x))
	}
	t.Fatalf("unexpected time value %T %v", v, v)
	return nil
}

// expect returns the expected totals of the shops over [from, to].
func (g *golden) expect(shops []int64, from, to string) Totals {
	var gmv, orders, units, refund, cost, unkLines, unkFen, anon, vis, pv, favs, cart int64
	buyers := map[[2]int64]bool{}
	for _, o := range g.orders {
		if o.PaidAt == nil || !slices.Contains(shops, o.ShopID) {
			continue
		}
		d := o.PaidAt.In(g.loc).Format(time.DateOnly)
		if d < from || d > to {
			continue
		}
		gmv += o.PaidFen
		orders++
		units += o.Units
		refund += o.Refunded
		if o.CustomerID == nil {
			anon++
		} else {
			buyers[[2]int64{o.ShopID, *o.CustomerID}] = true
		}
		for _, l := range g.lines[o.ID] {
			if l.SKUID != nil && g.cost[*l.SKUID] > 0 {
				cost += l.Qty * g.cost[*l.SKUID]
			} else {
				unkLines++
				unkFen += l.Paid
			}
		}
	}
	for _, r := range g.traffic {
		if slices.Contains(shops, r.ShopID) && r.Date >= from && r.Date <= to {
			vis += r.Visitors
			pv += r.PV
			favs += r.Favs
			cart += r.Cart
		}
	}
	nb := int64(len(buyers)) + anon
	var aov int64
	if nb > 0 { // round half up with exact rationals
		q := new(big.Rat).SetFrac64(gmv, nb)
		q.Add(q, big.NewRat(1, 2))
		aov = new(big.Int).Div(q.Num(), q.Denom()).Int64()
	}
	rat := func(n, d int64) Ratio {
		r := Ratio{Numerator: float64(n), Denominator: float64(d)}
		if d != 0 {
			v := float64(n) / float64(d)
			r.Value = &v
		}
		return r
	}
	return Totals{GMVFen: gmv, PaidOrders: orders, PayingBuyers: nb, AOVFen: aov, AOV: rat(gmv, nb), Units: units, RefundFen: refund,
		NetSalesFen: gmv - refund, CostOfGoodsFen: cost, GrossProfitFen: gmv - refund - cost, Visitors: vis, PageViews: pv,
		Conversion: rat(nb, vis), Favourites: favs, AddToCart: cart, RefundRate: rat(refund, gmv),
		CostUnknownLines: unkLines, CostUnknownFen: unkFen, AnonymousOrders: anon}
}

func assertTotals(t testing.TB, what string, got, want Totals) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Fatalf("%s:\n got %s\nwant %s", what, g, w)
	}
}
