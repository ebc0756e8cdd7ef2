package metrics

import (
	"strconv"
	"strings"
)

// Drill is where a number leads: the orders behind it as a filter of the
// order list (target "orders"), or the traffic rows behind a traffic metric
// (target "traffic"). Query holds the same filter as URL query parameters,
// ready to append to the list's path:
//
//	orders:  shop_ids=1,2&paid_from=2026-11-01&paid_to=2026-11-30[&refunded=true|&cost_unknown=true|&anonymous=true][&sku_id=N|&listing_id=N]
//	traffic: shop_ids=1,2&from=2026-11-01&to=2026-11-30
//
// paid_from/paid_to are business dates, inclusive, in the company time zone:
// the orders whose paid_at falls in those days. Orders without payment time
// never match. refunded: refunded_fen > 0; cost_unknown: at least one line
// without SKU or with SKU cost 0; anonymous: no customer; sku_id /
// listing_id: at least one line of that SKU (or of that unmatched listing).
type Drill struct {
	Target      string  `json:"target" enum:"orders,traffic"`
	ShopIDs     []int64 `json:"shop_ids"`
	PaidFrom    string  `json:"paid_from,omitempty"`
	PaidTo      string  `json:"paid_to,omitempty"`
	From        string  `json:"from,omitempty" doc:"traffic dates"`
	To          string  `json:"to,omitempty" doc:"traffic dates"`
	Refunded    bool    `json:"refunded,omitempty"`
	CostUnknown bool    `json:"cost_unknown,omitempty"`
	Anonymous   bool    `json:"anonymous,omitempty"`
	SKUID       int64   `json:"sku_id,omitempty"`
	ListingID   int64   `json:"listing_id,omitempty"`
	Query       string  `json:"query"`
}

// ordersDrill leads to the paid orders of the shops in the period.
func ordersDrill(shops []int64, p Period) *Drill {
	d := &Drill{Target: "orders", ShopIDs: shops, PaidFrom: p.From, PaidTo: p.To}
	return d.encode()
}

// metricDrill leads to what the registry says the metric is made of.
func metricDrill(m Metric, shops []int64, p Period) *Drill {
	d := &Drill{Target: "orders", ShopIDs: shops, PaidFrom: p.From, PaidTo: p.To}
	switch m.Drill {
	case "traffic":
		d = &Drill{Target: "traffic", ShopIDs: shops, From: p.From, To: p.To}
	case "refunded_orders":
		d.Refunded = true
	case "cost_unknown_orders":
		d.CostUnknown = true
	case "anonymous_orders":
		d.Anonymous = true
	}
	return d.encode()
}

// itemDrill leads to the paid orders with a line of the SKU or listing.
func itemDrill(shops []int64, p Period, sku, listing int64) *Drill {
	d := &Drill{Target: "orders", ShopIDs: shops, PaidFrom: p.From, PaidTo: p.To}
	if sku != 0 {
		d.SKUID = sku
	} else if listing != 0 {
		d.ListingID = listing
	} else {
		d.CostUnknown = true // lines with neither SKU nor listing
	}
	return d.encode()
}

// encode fills Query; parameters keep a fixed order so links are stable.
func (d *Drill) encode() *Drill {
	if d.ShopIDs == nil {
		d.ShopIDs = []int64{}
	}
	ids := make([]string, len(d.ShopIDs))
	for i, id := range d.ShopIDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	var parts []string
	// values are digits, dates and commas only: nothing to escape
	add := func(k, v string) { parts = append(parts, k+"="+v) }
	add("shop_ids", strings.Join(ids, ","))
	if d.Target == "traffic" {
		add("from", d.From)
		add("to", d.To)
	} else {
		add("paid_from", d.PaidFrom)
		add("paid_to", d.PaidTo)
	}
	if d.Refunded {
		add("refunded", "true")
	}
	if d.CostUnknown {
		add("cost_unknown", "true")
	}
	if d.Anonymous {
		add("anonymous", "true")
	}
	if d.SKUID != 0 {
		add("sku_id", strconv.FormatInt(d.SKUID, 10))
	}
	if d.ListingID != 0 {
		add("listing_id", strconv.FormatInt(d.ListingID, 10))
	}
	d.Query = strings.Join(parts, "&")
	return d
}
