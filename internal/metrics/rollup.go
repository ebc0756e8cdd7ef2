package metrics

import (
	"slices"
	"strings"
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
	// buyerDays holds, per known buyer, the change in paid orders per date
	// (a short list: usually one date; a slice, not a map, per buyer).
	buyerDays map[buyerKey][]dayCount
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
		skuMonths: map[skuKey]*skuSales{}, buyerDays: map[buyerKey][]dayCount{}}
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
		d.buyerDays[bk] = addDay(d.buyerDays[bk], date, sign)
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

// dayCount is one paying day of a buyer and its paid orders.
type dayCount struct {
	Date   string
	Orders int64
}

// buyerChange is what one buyer's order-count changes do to the rollups:
// the buyer-day rows to write (orders > 0) or delete (orders 0), the days
// the buyer starts (+1) or stops (-1) paying on, and the repeat pairs to
// add (+1) and remove (-1).
type buyerChange struct {
	rows     []dayCount
	dayDelta []dayCount // Orders holds +1 or -1
	pairs    []pairDelta
}

type pairDelta struct {
	Prev, Next string
	N          int64
}

// addDay adds n paid orders on date to a buyer's list of changes.
func addDay(days []dayCount, date string, n int64) []dayCount {
	for i := range days {
		if days[i].Date == date {
			days[i].Orders += n
			return days
		}
	}
	return append(days, dayCount{Date: date, Orders: n})
}

// changeBuyer applies delta (change in paid orders per date) to the buyer's
// current days (sorted by date). Buyers have few paying days, so the lists
// are merged and the consecutive pairs compared whole.
func changeBuyer(before []dayCount, delta []dayCount) buyerChange {
	var bc buyerChange
	after := make([]dayCount, 0, len(before)+len(delta))
	after = append(after, before...)
	changedDays := false
	for _, dc := range delta {
		day, n := dc.Date, dc.Orders
		if n == 0 {
			continue
		}
		i, found := slices.BinarySearchFunc(after, day, func(dc dayCount, d string) int { return strings.Compare(dc.Date, d) })
		was := found && after[i].Orders > 0
		if !found {
			after = slices.Insert(after, i, dayCount{Date: day})
		}
		after[i].Orders += n
		is := after[i].Orders > 0
		if !is {
			after[i].Orders = 0 // never negative: a stale Old fact cannot make a buyer owe a day
		}
		if was || is {
			bc.rows = append(bc.rows, after[i])
		}
		if was != is {
			changedDays = true
			change := int64(1)
			if !is {
				change = -1
			}
			bc.dayDelta = append(bc.dayDelta, dayCount{Date: day, Orders: change})
		}
	}
	if !changedDays {
		return bc
	}
	paying := slices.DeleteFunc(after, func(dc dayCount) bool { return dc.Orders <= 0 })
	// both pair lists are sorted: merge them and keep only the differences
	// (a loyal buyer has many days; a new day changes one or two pairs)
	i, j := 1, 1
	for i < len(before) || j < len(paying) {
		var cmp int
		switch {
		case i >= len(before):
			cmp = 1
		case j >= len(paying):
			cmp = -1
		default:
			if cmp = strings.Compare(before[i-1].Date, paying[j-1].Date); cmp == 0 {
				cmp = strings.Compare(before[i].Date, paying[j].Date)
			}
		}
		switch {
		case cmp < 0:
			bc.pairs = append(bc.pairs, pairDelta{before[i-1].Date, before[i].Date, -1})
			i++
		case cmp > 0:
			bc.pairs = append(bc.pairs, pairDelta{paying[j-1].Date, paying[j].Date, 1})
			j++
		default:
			i, j = i+1, j+1
		}
	}
	return bc
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
