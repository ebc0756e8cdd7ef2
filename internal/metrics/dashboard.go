package metrics

import (
	"context"
	"maps"
	"slices"

	"ecomops/internal/org"
)

// ShopRef names a shop of the answer.
type ShopRef struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Platform string `json:"platform"`
}

// Change compares a metric with a base period: numerator = current − base,
// denominator = base, value = the relative change (null when base is 0 or
// either side is undefined). For ratio metrics it compares their values.
type Change struct {
	Current *float64 `json:"current"`
	Base    *float64 `json:"base"`
	Ratio
}

// Changes are a metric's period-over-period (环比) and year-over-year (同比).
type Changes struct {
	PoP Change `json:"pop" doc:"环比: against the previous period of equal length"`
	YoY Change `json:"yoy" doc:"同比: against the same dates one year earlier"`
}

// ShopTotals is one row of the shop breakdown.
type ShopTotals struct {
	Shop   ShopRef `json:"shop"`
	Totals Totals  `json:"totals"`
	Drill  *Drill  `json:"drill"`
}

// PlatformTotals is one row of the platform breakdown.
type PlatformTotals struct {
	Platform string  `json:"platform"`
	ShopIDs  []int64 `json:"shop_ids"`
	Totals   Totals  `json:"totals"`
	Drill    *Drill  `json:"drill"`
}

// Dashboard is everything the operations home page shows.
type Dashboard struct {
	Period         Period             `json:"period"`
	PreviousPeriod Period             `json:"previous_period"`
	LastYearPeriod Period             `json:"last_year_period"`
	Timezone       ZoneStatus         `json:"timezone"`
	Shops          []ShopRef          `json:"shops" doc:"the shops the figures cover"`
	Totals         Totals             `json:"totals"`
	Previous       Totals             `json:"previous" doc:"totals of previous_period"`
	LastYear       Totals             `json:"last_year" doc:"totals of last_year_period"`
	Changes        map[string]Changes `json:"changes" doc:"by metric id"`
	Drill          map[string]*Drill  `json:"drill" doc:"by metric id: what each total is made of"`
	Days           []Day              `json:"days"`
	ByPlatform     []PlatformTotals   `json:"by_platform"`
	ByShop         []ShopTotals       `json:"by_shop"`
}

// Dashboard answers the home page: totals with 环比 and 同比, the per-day
// series and the platform and shop breakdowns, each number with its
// drill-down. Top SKUs are a separate call (TopSKUs): they cost more over
// long periods and the page can show the cards first. Errors: invalid,
// not_found (shop outside scope).
func (s *Service) Dashboard(ctx context.Context, q Query) (Dashboard, error) {
	p, shops, err := s.resolve(ctx, q)
	if err != nil {
		return Dashboard{}, err
	}
	zs, _, err := s.zoneStatus(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	ids := shopIDsOf(shops)
	out := Dashboard{Period: p, PreviousPeriod: p.Previous(), LastYearPeriod: p.LastYear(), Timezone: zs,
		Shops: make([]ShopRef, len(shops)), Changes: map[string]Changes{}, Drill: map[string]*Drill{}}
	days, cur, err := s.days(ctx, ids, p)
	if err != nil {
		return out, err
	}
	per, err := s.periodSums(ctx, ids, p, true)
	if err != nil {
		return out, err
	}
	prev, err := s.periodSums(ctx, ids, out.PreviousPeriod, false)
	if err != nil {
		return out, err
	}
	ly, err := s.periodSums(ctx, ids, out.LastYearPeriod, false)
	if err != nil {
		return out, err
	}
	out.Days, out.Totals, out.Previous, out.LastYear = days, cur.totals(), prev[0].totals(), ly[0].totals()
	for _, m := range Registry {
		out.Changes[m.ID] = Changes{PoP: compare(m, out.Totals, out.Previous), YoY: compare(m, out.Totals, out.LastYear)}
		out.Drill[m.ID] = metricDrill(m, ids, p)
	}
	for i := range out.Days {
		out.Days[i].Drill = ordersDrill(ids, Period{From: out.Days[i].Date, To: out.Days[i].Date, Days: 1})
	}
	platforms := map[string]*PlatformTotals{}
	platformSums := map[string]*sums{}
	for i, sh := range shops {
		out.Shops[i] = shopRef(sh)
		v := per[sh.ID]
		out.ByShop = append(out.ByShop, ShopTotals{Shop: out.Shops[i], Totals: v.totals(), Drill: ordersDrill([]int64{sh.ID}, p)})
		if platforms[sh.Platform] == nil {
			platforms[sh.Platform] = &PlatformTotals{Platform: sh.Platform}
			platformSums[sh.Platform] = &sums{}
		}
		platforms[sh.Platform].ShopIDs = append(platforms[sh.Platform].ShopIDs, sh.ID)
		platformSums[sh.Platform].add(*v) // buyers add up across shops
	}
	for _, name := range slices.Sorted(maps.Keys(platforms)) {
		pt := platforms[name]
		pt.Totals = platformSums[name].totals()
		pt.Drill = ordersDrill(pt.ShopIDs, p)
		out.ByPlatform = append(out.ByPlatform, *pt)
	}
	slices.SortStableFunc(out.ByShop, func(a, b ShopTotals) int { return int(sign(b.Totals.GMVFen - a.Totals.GMVFen)) })
	slices.SortStableFunc(out.ByPlatform, func(a, b PlatformTotals) int { return int(sign(b.Totals.GMVFen - a.Totals.GMVFen)) })
	if out.ByShop == nil {
		out.ByShop, out.ByPlatform = []ShopTotals{}, []PlatformTotals{}
	}
	return out, nil
}

func shopRef(sh org.Shop) ShopRef {
	return ShopRef{ID: sh.ID, Code: sh.Code, Name: sh.Name, Platform: sh.Platform}
}

// compare is the relative change of metric m from base to cur.
func compare(m Metric, cur, base Totals) Change {
	c, okc := m.Value(cur)
	b, okb := m.Value(base)
	var ch Change
	if okc {
		ch.Current = &c
	}
	if okb {
		ch.Base = &b
	}
	if okc && okb {
		ch.Ratio = newRatio(c-b, b)
	}
	return ch
}

func sign(n int64) int64 {
	switch {
	case n > 0:
		return 1
	case n < 0:
		return -1
	}
	return 0
}
