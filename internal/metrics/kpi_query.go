package metrics

import (
	"context"
	"slices"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// Query selects the orders a KPI answer covers.
type Query struct {
	From, To string  // business dates YYYY-MM-DD, inclusive
	ShopIDs  []int64 // nil or empty: every shop in the caller's scope
	Platform string  // "" for every platform
}

// Day is one day of a per-day series: that day's totals (paying buyers of
// the day).
type Day struct {
	Date string `json:"date"`
	Totals
	Drill *Drill `json:"drill,omitempty" doc:"the paid orders of the day"`
}

// KPIResult is the answer of `ecomops kpi` and GET /metrics/kpi.
type KPIResult struct {
	Totals Totals `json:"totals"`
	Days   []Day  `json:"days,omitempty" doc:"present when asked for by day"`
}

// KPI returns the totals of the period and, with byDay, the per-day series.
// Errors: invalid (dates), not_found (a shop outside the caller's scope).
func (s *Service) KPI(ctx context.Context, q Query, byDay bool) (KPIResult, error) {
	p, shops, err := s.resolve(ctx, q)
	if err != nil {
		return KPIResult{}, err
	}
	ids := shopIDsOf(shops)
	per, err := s.shopSums(ctx, ids, p)
	if err != nil {
		return KPIResult{}, err
	}
	res := KPIResult{Totals: total(per).totals()}
	if byDay {
		if res.Days, err = s.days(ctx, ids, p); err != nil {
			return KPIResult{}, err
		}
	}
	return res, nil
}

// resolve validates the period and returns the shops of q within the
// caller's data scope, ordered by code. A shop id outside the scope is
// not_found, like everywhere else.
func (s *Service) resolve(ctx context.Context, q Query) (Period, []org.Shop, error) {
	p, err := parsePeriod(q.From, q.To)
	if err != nil {
		return p, nil, err
	}
	visible, _, err := s.org.ListShops(ctx, org.ShopFilter{Page: api.Page{Sort: "code"}.ForExport()})
	if err != nil {
		return p, nil, err
	}
	byID := map[int64]org.Shop{}
	for _, sh := range visible {
		byID[sh.ID] = sh
	}
	var out []org.Shop
	if len(q.ShopIDs) == 0 {
		out = visible
	} else {
		for _, id := range q.ShopIDs {
			sh, ok := byID[id]
			if !ok {
				return p, nil, apperr.NotFoundf("shop", id)
			}
			out = append(out, sh)
		}
	}
	if q.Platform != "" {
		out = slices.DeleteFunc(slices.Clone(out), func(sh org.Shop) bool { return sh.Platform != q.Platform })
	}
	slices.SortFunc(out, func(a, b org.Shop) int { return compareStrings(a.Code, b.Code) })
	return p, slices.CompactFunc(out, func(a, b org.Shop) bool { return a.ID == b.ID }), nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func shopIDsOf(shops []org.Shop) []int64 {
	ids := make([]int64, len(shops))
	for i, sh := range shops {
		ids[i] = sh.ID
	}
	return ids
}

func total(per map[int64]*sums) sums {
	var t sums
	for _, v := range per {
		t.add(*v)
	}
	return t
}

// shopDaySums is the SELECT list of additive sums over metric_shop_day.
func shopDaySums(q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("SUM(gmv_fen) AS gmv, SUM(paid_orders) AS orders, SUM(units) AS units, SUM(refund_fen) AS refund").
		ColumnExpr("SUM(cost_fen) AS cost, SUM(cost_unknown_lines) AS cost_unknown_lines, SUM(cost_unknown_fen) AS cost_unknown_fen").
		ColumnExpr("SUM(buyers) AS buyers, SUM(anonymous_orders) AS anonymous")
}

type sumRow struct {
	Key              string `bun:"k"`
	ShopID           int64  `bun:"shop_id"`
	GMV              int64  `bun:"gmv"`
	Orders           int64  `bun:"orders"`
	Units            int64  `bun:"units"`
	Refund           int64  `bun:"refund"`
	Cost             int64  `bun:"cost"`
	CostUnknownLines int64  `bun:"cost_unknown_lines"`
	CostUnknownFen   int64  `bun:"cost_unknown_fen"`
	Buyers           int64  `bun:"buyers"`
	Anonymous        int64  `bun:"anonymous"`
}

func (r sumRow) sums() sums {
	return sums{GMV: r.GMV, Orders: r.Orders, Units: r.Units, Refund: r.Refund, Cost: r.Cost,
		CostUnknownLines: r.CostUnknownLines, CostUnknownFen: r.CostUnknownFen, Buyers: r.Buyers, Anonymous: r.Anonymous}
}

type trafficRow struct {
	Key       string `bun:"k"`
	ShopID    int64  `bun:"shop_id"`
	Visitors  int64  `bun:"visitors"`
	PageViews int64  `bun:"page_views"`
	Favs      int64  `bun:"favs"`
	Cart      int64  `bun:"cart"`
}

// rollupRows reads metric_shop_day and the shop-level traffic of the period
// grouped by groupCol ("shop_id" or "date"), within the caller's scope.
func (s *Service) rollupRows(ctx context.Context, shops []int64, p Period, groupCol string) ([]sumRow, []trafficRow, error) {
	var sr []sumRow
	var tr []trafficRow
	if len(shops) == 0 {
		return sr, tr, nil
	}
	key := "'' AS k, shop_id"
	if groupCol == "date" {
		key = "date AS k, 0 AS shop_id"
	}
	q := s.db.R.NewSelect().Table("metric_shop_day").ColumnExpr(key)
	q = auth.Filter(ctx, shopDaySums(q), "shop_id", auth.ShopSet).Where("shop_id IN (?)", bun.In(shops)).
		Where("date BETWEEN ? AND ?", p.From, p.To).GroupExpr(groupCol)
	if err := q.Scan(ctx, &sr); err != nil {
		return nil, nil, apperr.Wrap(err, "read shop-day rollups")
	}
	t := s.db.R.NewSelect().Table("traffic_daily").ColumnExpr(key).
		ColumnExpr("SUM(visitors) AS visitors, SUM(page_views) AS page_views, SUM(favourite_buyers) AS favs, SUM(cart_buyers) AS cart")
	t = auth.Filter(ctx, t, "shop_id", auth.ShopSet).Where("shop_id IN (?)", bun.In(shops)).Where("item_id = ''").
		Where("date BETWEEN ? AND ?", p.From, p.To).GroupExpr(groupCol)
	if err := t.Scan(ctx, &tr); err != nil {
		return nil, nil, apperr.Wrap(err, "read traffic")
	}
	return sr, tr, nil
}

// shopSums returns the sums of the period per shop, with Buyers the
// distinct paying buyers of the whole period.
func (s *Service) shopSums(ctx context.Context, shops []int64, p Period) (map[int64]*sums, error) {
	out := make(map[int64]*sums, len(shops))
	for _, id := range shops {
		out[id] = &sums{}
	}
	sr, tr, err := s.rollupRows(ctx, shops, p, "shop_id")
	if err != nil {
		return nil, err
	}
	rep, err := repeats(ctx, s.db.R, visibleOnly(ctx, shops), p)
	if err != nil {
		return nil, err
	}
	for _, r := range sr {
		if v := out[r.ShopID]; v != nil {
			v.add(r.sums())
			v.Buyers -= rep[r.ShopID]
		}
	}
	for _, r := range tr {
		if v := out[r.ShopID]; v != nil {
			v.Visitors, v.PageViews, v.Favs, v.CartBuys = r.Visitors, r.PageViews, r.Favs, r.Cart
		}
	}
	return out, nil
}

// days returns the per-day series of the period, every date present.
func (s *Service) days(ctx context.Context, shops []int64, p Period) ([]Day, error) {
	sr, tr, err := s.rollupRows(ctx, shops, p, "date")
	if err != nil {
		return nil, err
	}
	byDate := map[string]*sums{}
	for _, r := range sr {
		v := r.sums()
		byDate[r.Key] = &v
	}
	for _, r := range tr {
		v := byDate[r.Key]
		if v == nil {
			v = &sums{}
			byDate[r.Key] = v
		}
		v.Visitors, v.PageViews, v.Favs, v.CartBuys = r.Visitors, r.PageViews, r.Favs, r.Cart
	}
	dates := p.dates()
	out := make([]Day, len(dates))
	for i, d := range dates {
		v := byDate[d]
		if v == nil {
			v = &sums{}
		}
		out[i] = Day{Date: d, Totals: v.totals()}
	}
	return out, nil
}

// visibleOnly narrows ids to the caller's shops (the raw repeat query cannot
// use auth.Filter).
func visibleOnly(ctx context.Context, ids []int64) []int64 {
	return slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return !auth.Sees(ctx, id, auth.ShopSet) })
}
