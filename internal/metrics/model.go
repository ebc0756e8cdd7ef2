package metrics

// Ratio is a rate returned with its parts, so every rate is explainable
// (DESIGN.md). Value is nil (JSON null) when the denominator is 0.
type Ratio struct {
	Numerator   float64  `json:"numerator"`
	Denominator float64  `json:"denominator"`
	Value       *float64 `json:"value" doc:"numerator / denominator; null when the denominator is 0"`
}

func newRatio(num, den float64) Ratio {
	r := Ratio{Numerator: num, Denominator: den}
	if den != 0 {
		v := num / den
		r.Value = &v
	}
	return r
}

func (r Ratio) get() (float64, bool) {
	if r.Value == nil {
		return 0, false
	}
	return *r.Value, true
}

// Totals holds every registry metric of one slice (a range, a day, a shop,
// a platform). JSON keys are the registry's Field names; TestRegistryFields
// keeps the two in step.
type Totals struct {
	GMVFen           int64 `json:"gmv_fen"`
	PaidOrders       int64 `json:"paid_orders"`
	PayingBuyers     int64 `json:"paying_buyers"`
	AOVFen           int64 `json:"aov_fen" doc:"GMV / paying buyers, rounded half up to the fen"`
	AOV              Ratio `json:"aov" doc:"the unrounded AOV: gmv_fen / paying_buyers"`
	Units            int64 `json:"units"`
	RefundFen        int64 `json:"refund_fen"`
	NetSalesFen      int64 `json:"net_sales_fen"`
	CostOfGoodsFen   int64 `json:"cost_of_goods_fen"`
	GrossProfitFen   int64 `json:"gross_profit_fen"`
	Visitors         int64 `json:"visitors"`
	PageViews        int64 `json:"page_views"`
	Conversion       Ratio `json:"conversion"`
	Favourites       int64 `json:"favourites"`
	AddToCart        int64 `json:"add_to_cart"`
	RefundRate       Ratio `json:"refund_rate"`
	CostUnknownLines int64 `json:"cost_unknown_lines"`
	CostUnknownFen   int64 `json:"cost_unknown_fen"`
	AnonymousOrders  int64 `json:"anonymous_orders"`
}

// sums are the additive parts of Totals. Buyers is additive only across
// shops, or when it already holds the distinct count of the whole range.
type sums struct {
	GMV, Orders, Units, Refund, Cost    int64
	CostUnknownLines, CostUnknownFen    int64
	Buyers, Anonymous                   int64
	Visitors, PageViews, Favs, CartBuys int64
}

func (a *sums) add(b sums) {
	a.GMV += b.GMV
	a.Orders += b.Orders
	a.Units += b.Units
	a.Refund += b.Refund
	a.Cost += b.Cost
	a.CostUnknownLines += b.CostUnknownLines
	a.CostUnknownFen += b.CostUnknownFen
	a.Buyers += b.Buyers
	a.Anonymous += b.Anonymous
	a.Visitors += b.Visitors
	a.PageViews += b.PageViews
	a.Favs += b.Favs
	a.CartBuys += b.CartBuys
}

// totals derives the non-additive metrics from the sums.
func (s sums) totals() Totals {
	net := s.GMV - s.Refund
	return Totals{
		GMVFen: s.GMV, PaidOrders: s.Orders, PayingBuyers: s.Buyers,
		AOVFen: divRoundHalfUp(s.GMV, s.Buyers), AOV: newRatio(float64(s.GMV), float64(s.Buyers)),
		Units: s.Units, RefundFen: s.Refund, NetSalesFen: net, CostOfGoodsFen: s.Cost, GrossProfitFen: net - s.Cost,
		Visitors: s.Visitors, PageViews: s.PageViews, Conversion: newRatio(float64(s.Buyers), float64(s.Visitors)),
		Favourites: s.Favs, AddToCart: s.CartBuys, RefundRate: newRatio(float64(s.Refund), float64(s.GMV)),
		CostUnknownLines: s.CostUnknownLines, CostUnknownFen: s.CostUnknownFen, AnonymousOrders: s.Anonymous,
	}
}

// divRoundHalfUp divides exactly in integers and rounds halves away from
// zero (half up for the non-negative amounts it is used with); 0 when den is 0.
func divRoundHalfUp(num, den int64) int64 {
	if den == 0 {
		return 0
	}
	if den < 0 {
		num, den = -num, -den
	}
	if num < 0 {
		return -((-num*2 + den) / (2 * den))
	}
	return (num*2 + den) / (2 * den)
}
