package metrics

import (
	"context"
	"slices"
	"strings"

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
	if !byDay {
		t, err := s.periodSums(ctx, ids, p, false)
		return KPIResult{Totals: t[0].totals()}, err
	}
	var res KPIResult
	var t sums
	res.Days, t, err = s.days(ctx, ids, p)
	res.Totals = t.totals()
	return res, err
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

// The rollup reads below are raw SQL over ids that resolve() already took
// from the caller's scope; visibleOnly re-checks them against the principal
// (auth.Filter cannot wrap a UNION).

// sumCols are the additive columns of metric_shop_day / metric_shop_month.
var sumCols = "SUM(gmv_fen), SUM(paid_orders), SUM(units), SUM(refund_fen), SUM(cost_fen), SUM(cost_unknown_lines), " +
	"SUM(cost_unknown_fen), SUM(buyers), SUM(anonymous_orders)"

func (x *sums) orderFields() []any {
	return []any{&x.GMV, &x.Orders, &x.Units, &x.Refund, &x.Cost, &x.CostUnknownLines, &x.CostUnknownFen, &x.Buyers, &x.Anonymous}
}

func (x *sums) trafficFields() []any { return []any{&x.Visitors, &x.PageViews, &x.Favs, &x.CartBuys} }

const trafficCols = "SUM(visitors), SUM(page_views), SUM(favourite_buyers), SUM(cart_buyers)"

// periodSums returns the sums of the period per shop (byShop) or in total
// (key 0), Buyers being the distinct paying buyers of the whole period:
// whole months come from metric_shop_month, leftover days from
// metric_shop_day, traffic from traffic_daily, repeats from buyers.go.
func (s *Service) periodSums(ctx context.Context, shops []int64, p Period, byShop bool) (map[int64]*sums, error) {
	shops = visibleOnly(ctx, shops)
	out := map[int64]*sums{0: {}}
	if byShop {
		out = make(map[int64]*sums, len(shops))
		for _, id := range shops {
			out[id] = &sums{}
		}
	}
	if len(shops) == 0 {
		return out, nil
	}
	key, group := "0", ""
	if byShop {
		key, group = "shop_id", " GROUP BY shop_id"
	}
	rollupShops := shops
	if !byShop {
		var err error
		if rollupShops, err = s.rollupIDs(ctx, shops); err != nil {
			return nil, err
		}
	}
	shopIn := "shop_id IN (" + joinIDs(rollupShops) + ")"
	armCols := "shop_id, " + strings.Join(shopDayCols, ", ")
	head, tail, months := p.split()
	var arms []string
	for _, part := range []*Period{head, tail} {
		if part != nil {
			arms = append(arms, "SELECT "+armCols+" FROM metric_shop_day WHERE "+shopIn+" AND date BETWEEN "+quote(part.From)+" AND "+quote(part.To))
		}
	}
	if len(months) > 0 {
		arms = append(arms, "SELECT "+armCols+" FROM metric_shop_month WHERE "+shopIn+" AND month BETWEEN "+quote(months[0])+" AND "+quote(months[len(months)-1]))
	}
	orders := "SELECT " + key + ", " + sumCols + " FROM (" + strings.Join(arms, " UNION ALL ") + ") x" + group
	traffic := "SELECT " + key + ", " + trafficCols + " FROM traffic_daily WHERE item_id = '' AND date BETWEEN " + quote(p.From) +
		" AND " + quote(p.To) + " AND shop_id IN (" + joinIDs(shops) + ")" + group
	if err := s.scanSums(ctx, orders, out, (*sums).orderFields); err != nil {
		return nil, apperr.Wrap(err, "read shop rollups")
	}
	if err := s.scanSums(ctx, traffic, out, (*sums).trafficFields); err != nil {
		return nil, apperr.Wrap(err, "read traffic")
	}
	rep, err := repeats(ctx, s.db.R, rollupShops, p)
	if err != nil {
		return nil, err
	}
	for shop, n := range rep {
		if !byShop {
			shop = 0
		}
		if v := out[shop]; v != nil {
			v.Buyers -= n
		}
	}
	return out, nil
}

// scanSums reads rows of (key, sums...) into out[key]; unknown keys and
// NULL sums (no rows) are skipped.
func (s *Service) scanSums(ctx context.Context, q string, out map[int64]*sums, fields func(*sums) []any) error {
	rows, err := s.db.R.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key int64
		var got sums
		dst := fields(&got)
		vals := make([]any, len(dst)+1)
		nulls := make([]*int64, len(dst))
		vals[0] = &key
		for i := range dst {
			vals[i+1] = &nulls[i]
		}
		if err := rows.Scan(vals...); err != nil {
			return err
		}
		v := out[key]
		if v == nil {
			continue
		}
		target := fields(v)
		for i, n := range nulls {
			if n != nil {
				*target[i].(*int64) += *n
			}
		}
	}
	return rows.Err()
}

// days returns the per-day series of the period (every date present, each
// day's own buyers) and the period's total sums with distinct buyers.
func (s *Service) days(ctx context.Context, shops []int64, p Period) ([]Day, sums, error) {
	shops = visibleOnly(ctx, shops)
	dates := p.dates()
	byDate := make(map[string]*sums, len(dates))
	for _, d := range dates {
		byDate[d] = &sums{}
	}
	var total sums
	rollupShops, err := s.rollupIDs(ctx, shops)
	if err != nil {
		return nil, total, err
	}
	if len(shops) > 0 {
		between := "date BETWEEN " + quote(p.From) + " AND " + quote(p.To)
		if err := s.scanDays(ctx, "SELECT date, "+sumCols+" FROM metric_shop_day WHERE "+between+" AND shop_id IN ("+joinIDs(rollupShops)+") GROUP BY date",
			byDate, (*sums).orderFields); err != nil {
			return nil, total, apperr.Wrap(err, "read shop-day rollups")
		}
		if err := s.scanDays(ctx, "SELECT date, "+trafficCols+" FROM traffic_daily WHERE item_id = '' AND "+between+" AND shop_id IN ("+joinIDs(shops)+") GROUP BY date",
			byDate, (*sums).trafficFields); err != nil {
			return nil, total, apperr.Wrap(err, "read traffic")
		}
	}
	out := make([]Day, len(dates))
	for i, d := range dates {
		total.add(*byDate[d])
		out[i] = Day{Date: d, Totals: byDate[d].totals()}
	}
	rep, err := repeats(ctx, s.db.R, rollupShops, p)
	if err != nil {
		return nil, total, err
	}
	for _, n := range rep {
		total.Buyers -= n
	}
	return out, total, nil
}

func (s *Service) scanDays(ctx context.Context, q string, out map[string]*sums, fields func(*sums) []any) error {
	rows, err := s.db.R.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var date string
		v := &sums{}
		if err := rows.Scan(append([]any{&date}, fields(v)...)...); err != nil {
			return err
		}
		if o := out[date]; o != nil {
			o.add(*v)
		}
	}
	return rows.Err()
}

// rollupIDs returns the shop ids to read the order rollups of shops with:
// the all-shops row (allShops) when shops include every shop that has
// rollups, which reads one shop's worth of rows instead of all of them
// (the caller then sees all the data anyway); shops otherwise.
func (s *Service) rollupIDs(ctx context.Context, shops []int64) ([]int64, error) {
	if len(shops) < 2 {
		return shops, nil
	}
	var withData []int64
	if err := s.db.R.NewRaw("SELECT DISTINCT shop_id FROM metric_shop_month WHERE shop_id <> 0").Scan(ctx, &withData); err != nil {
		return nil, apperr.Wrap(err, "list shops with rollups")
	}
	for _, id := range withData {
		if !slices.Contains(shops, id) {
			return shops, nil
		}
	}
	return []int64{allShops}, nil
}

// visibleOnly narrows ids to the caller's shops.
func visibleOnly(ctx context.Context, ids []int64) []int64 {
	return slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return !auth.Sees(ctx, id, auth.ShopSet) })
}
