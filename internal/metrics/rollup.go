package metrics

import (
	"slices"
	"time"

	"ecomops/internal/sales"
)

// rollupDelta is what a batch of order changes does to the rollup tables,
// aggregated in memory so that each rollup row is written once per batch.
// Old facts are added with sign -1 and new ones with +1; an unchanged order
// cancels out. No SQL here: rollup_store.go writes the delta.
type rollupDelta struct {
	shopDays  map[dayKey]*shopDay
	skuDays   map[skuKey]*skuSales
	skuMonths map[skuKey]*skuSales
	// buyerDays holds, per known buyer, the change in paid orders per date.
	buyerDays map[buyerKey]map[string]int64
}

type dayKey struct {
	Shop int64
	Date string
}

// skuKey is a SKU, or an unmatched listing (SKU 0), of one shop in one
// period (a date in metric_sku_day, a month in metric_sku_month).
type skuKey struct {
	Shop         int64
	Period       string
	SKU, Listing int64
}

type buyerKey struct{ Shop, Customer int64 }

// repeatKey is one cell of metric_buyer_repeat.
type repeatKey struct {
	Shop              int64
	Grain, Prev, Next string
}

// shopDay is one metric_shop_day or metric_shop_month row (or a change to it).
type shopDay struct {
	GMV, Orders, Units, Refund, Cost int64
	CostUnknownLines, CostUnknownFen int64
	Buyers, Anonymous                int64
}

func (a *shopDay) zero() bool { return *a == shopDay{} }

func (a *shopDay) add(b *shopDay) {
	a.GMV += b.GMV
	a.Orders += b.Orders
	a.Units += b.Units
	a.Refund += b.Refund
	a.Cost += b.Cost
	a.CostUnknownLines += b.CostUnknownLines
	a.CostUnknownFen += b.CostUnknownFen
	a.Buyers += b.Buyers
	a.Anonymous += b.Anonymous
}

// skuSales is one metric_sku_day / metric_sku_month row (or a change to it).
type skuSales struct{ Units, Paid, Refund, Lines int64 }

func newDelta() *rollupDelta {
	return &rollupDelta{shopDays: map[dayKey]*shopDay{}, skuDays: map[skuKey]*skuSales{},
		skuMonths: map[skuKey]*skuSales{}, buyerDays: map[buyerKey]map[string]int64{}}
}

// businessDate is the company-time-zone date of an instant.
func businessDate(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.DateOnly) }

// add folds one order's facts into the delta with sign +1 or -1. Unpaid
// orders (no payment time) contribute nothing. cost maps SKU id to its cost
// price; a missing or zero cost makes the line's cost unknown.
func (d *rollupDelta) add(f *sales.OrderFacts, sign int64, loc *time.Location, cost map[int64]int64) {
	if f == nil || f.PaidAt == nil {
		return
	}
	date := businessDate(*f.PaidAt, loc)
	sd := d.shopDay(dayKey{f.ShopID, date})
	sd.GMV += sign * f.PaidFen
	sd.Orders += sign
	sd.Units += sign * f.Units
	sd.Refund += sign * f.RefundedFen
	if f.CustomerID == 0 {
		// no buyer identity: the order is a buyer of its own
		sd.Anonymous += sign
		sd.Buyers += sign
	} else {
		bk := buyerKey{f.ShopID, f.CustomerID}
		if d.buyerDays[bk] == nil {
			d.buyerDays[bk] = map[string]int64{}
		}
		d.buyerDays[bk][date] += sign
	}
	for _, l := range f.Lines {
		if c := cost[l.SKUID]; l.SKUID != 0 && c > 0 {
			sd.Cost += sign * l.Quantity * c
		} else {
			sd.CostUnknownLines += sign
			sd.CostUnknownFen += sign * l.PaidFen
		}
		listing := l.ListingID
		if l.SKUID != 0 {
			listing = 0 // matched lines are counted per SKU, whichever listing sold them
		}
		for _, r := range []*skuSales{
			d.sku(d.skuDays, skuKey{f.ShopID, date, l.SKUID, listing}),
			d.sku(d.skuMonths, skuKey{f.ShopID, date[:7], l.SKUID, listing}),
		} {
			r.Units += sign * l.Quantity
			r.Paid += sign * l.PaidFen
			r.Refund += sign * l.RefundedFen
			r.Lines += sign
		}
	}
}

func (d *rollupDelta) shopDay(k dayKey) *shopDay {
	r := d.shopDays[k]
	if r == nil {
		r = &shopDay{}
		d.shopDays[k] = r
	}
	return r
}

func (d *rollupDelta) sku(m map[skuKey]*skuSales, k skuKey) *skuSales {
	r := m[k]
	if r == nil {
		r = &skuSales{}
		m[k] = r
	}
	return r
}

// skuIDs lists the SKUs the changes refer to, for the cost lookup.
func skuIDs(changes []sales.OrderChange) []int64 {
	var ids []int64
	for _, c := range changes {
		for _, f := range []*sales.OrderFacts{c.Old, c.New} {
			if f == nil || f.PaidAt == nil {
				continue
			}
			for _, l := range f.Lines {
				if l.SKUID != 0 {
					ids = append(ids, l.SKUID)
				}
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// buyerChange applies one buyer's order-count changes to its current paying
// days (date -> paid orders) and reports what moves in the rollups: the
// new counts, the days the buyer starts or stops paying on (each ±1 in that
// day's buyers) and the repeat pairs to add and remove.
type buyerChange struct {
	after    map[string]int64
	dayDelta map[string]int64    // date -> +1 (buyer now pays that day) or -1
	pairs    map[[2]string]int64 // (prev, next) -> +1 / -1
}

func changeBuyer(before, delta map[string]int64) buyerChange {
	bc := buyerChange{after: make(map[string]int64, len(before)+len(delta)), dayDelta: map[string]int64{}, pairs: map[[2]string]int64{}}
	for day, n := range before {
		bc.after[day] = n
	}
	changedDays := false
	for day, n := range delta {
		if n == 0 {
			continue
		}
		was := bc.after[day] > 0
		bc.after[day] += n
		is := bc.after[day] > 0
		if bc.after[day] <= 0 {
			delete(bc.after, day)
		}
		if was != is {
			changedDays = true
			if is {
				bc.dayDelta[day]++
			} else {
				bc.dayDelta[day]--
			}
		}
	}
	if changedDays {
		for _, p := range consecutive(before) {
			bc.pairs[p]--
		}
		for _, p := range consecutive(bc.after) {
			bc.pairs[p]++
		}
	}
	return bc
}

// consecutive returns each two consecutive paying days of a buyer.
func consecutive(days map[string]int64) [][2]string {
	ds := make([]string, 0, len(days))
	for d, n := range days {
		if n > 0 {
			ds = append(ds, d)
		}
	}
	slices.Sort(ds)
	out := make([][2]string, 0, len(ds))
	for i := 1; i < len(ds); i++ {
		out = append(out, [2]string{ds[i-1], ds[i]})
	}
	return out
}

// Grains of metric_buyer_repeat: each repeat pair (prev, next) is counted
// once per grain, with day (YYYY-MM-DD) or month (YYYY-MM) keys.
const (
	grainDD = "dd" // prev day, next day
	grainDM = "dm" // prev day, next month
	grainMD = "md" // prev month, next day
	grainMM = "mm" // prev month, next month
)

// addPair counts one repeat pair (prev < next) in the four grains.
func addPair(m map[repeatKey]int64, shop int64, prev, next string, n int64) {
	if n == 0 {
		return
	}
	m[repeatKey{shop, grainDD, prev, next}] += n
	m[repeatKey{shop, grainDM, prev, next[:7]}] += n
	m[repeatKey{shop, grainMD, prev[:7], next}] += n
	m[repeatKey{shop, grainMM, prev[:7], next[:7]}] += n
}
