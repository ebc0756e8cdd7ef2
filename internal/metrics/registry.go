// Package metrics defines every KPI once (the registry below, rendered into
// docs/METRICS.md), keeps rollup tables of the orders current as the sales
// writer commits (OnOrderChange), and answers KPI, dashboard and export
// queries from those rollups within the caller's data scope.
package metrics

// Unit is how a metric's value is expressed.
type Unit string

const (
	UnitFen   Unit = "fen"   // money in minor units
	UnitCount Unit = "count" // a whole number of things
	UnitRatio Unit = "ratio" // a fraction returned as numerator, denominator, value
)

// Additivity says whether a metric of a range may be obtained by adding the
// metric of its parts.
type Additivity string

const (
	// AdditiveYes: sums over days and over shops.
	AdditiveYes Additivity = "yes"
	// AdditiveShops: sums over shops (buyer identities are per shop) but not
	// over days (a buyer paying on two days is one buyer of the range).
	AdditiveShops Additivity = "shops"
	// AdditiveNo: recompute from its parts' numerator and denominator.
	AdditiveNo Additivity = "no"
)

// Metric is one KPI definition. Field is its JSON key in Totals (and in the
// CLI's JSON); Value reads it from a Totals for comparisons and exports,
// false when undefined (a ratio over a zero denominator).
type Metric struct {
	ID         string     `json:"id"`
	Field      string     `json:"field"`
	NameZH     string     `json:"name_zh"`
	NameEN     string     `json:"name_en"`
	Category   string     `json:"category" enum:"sales,profit,traffic,quality"`
	Unit       Unit       `json:"unit" enum:"fen,count,ratio"`
	Additive   Additivity `json:"additive" enum:"yes,shops,no"`
	Definition string     `json:"definition"`
	Formula    string     `json:"formula"`
	Source     string     `json:"source"`
	// Drill says which orders (or traffic rows) the number is made of.
	Drill string                         `json:"drill" enum:"paid_orders,refunded_orders,cost_unknown_orders,anonymous_orders,traffic"`
	Value func(t Totals) (float64, bool) `json:"-"`
}

// The period rule shared by every order-based metric.
const paidInPeriod = "orders whose payment time (paid_at) falls in the period, in the company time zone"

// Registry lists every metric in display order. Change a definition here and
// regenerate docs/METRICS.md (see registry_doc.go); a test fails while they disagree.
var Registry = []Metric{
	{ID: "gmv", Field: "gmv_fen", NameZH: "支付金额", NameEN: "GMV (payment amount)", Category: "sales", Unit: UnitFen, Additive: AdditiveYes,
		Definition: "Sum of the buyer's actually paid amount (买家实际支付金额) over " + paidInPeriod + ", whatever their later status or refunds (the 生意参谋 definition: payments are not reduced by later refunds). Unpaid orders (no payment time) are not counted.",
		Formula:    "Σ orders.paid_fen where paid_at ∈ period", Source: "orders.paid_at, orders.paid_fen", Drill: "paid_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.GMVFen), true }},
	{ID: "paid_orders", Field: "paid_orders", NameZH: "支付订单数", NameEN: "Paid orders", Category: "sales", Unit: UnitCount, Additive: AdditiveYes,
		Definition: "Number of " + paidInPeriod + ". Orders later closed or refunded still count; unpaid orders do not.",
		Formula:    "count(orders) where paid_at ∈ period", Source: "orders.paid_at", Drill: "paid_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.PaidOrders), true }},
	{ID: "paying_buyers", Field: "paying_buyers", NameZH: "支付买家数", NameEN: "Paying buyers", Category: "sales", Unit: UnitCount, Additive: AdditiveShops,
		Definition: "Number of distinct buyers among the paid orders over the whole period (a buyer paying on several days is one buyer; it is not a sum of daily counts). Buyers are identified per shop (customers table), so over several shops it is the sum of each shop's distinct buyers. An order without buyer identity counts as one buyer of its own (see anonymous_orders).",
		Formula:    "Σ_shop count(distinct orders.customer_id where paid_at ∈ period) + anonymous paid orders", Source: "orders.paid_at, orders.customer_id", Drill: "paid_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.PayingBuyers), true }},
	{ID: "aov", Field: "aov_fen", NameZH: "客单价", NameEN: "Average order value (per buyer)", Category: "sales", Unit: UnitFen, Additive: AdditiveNo,
		Definition: "GMV divided by paying buyers (the 生意参谋 客单价), rounded half up to the fen; 0 when there is no paying buyer. The unrounded ratio is returned as aov {numerator, denominator, value}.",
		Formula:    "round_half_up(gmv_fen / paying_buyers)", Source: "gmv, paying_buyers", Drill: "paid_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.AOVFen), true }},
	{ID: "units", Field: "units", NameZH: "支付件数", NameEN: "Units paid", Category: "sales", Unit: UnitCount, Additive: AdditiveYes,
		Definition: "Number of items (宝贝总数量) in " + paidInPeriod + ".",
		Formula:    "Σ orders.units where paid_at ∈ period", Source: "orders.units", Drill: "paid_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.Units), true }},
	{ID: "refunds", Field: "refund_fen", NameZH: "退款金额", NameEN: "Refunds", Category: "sales", Unit: UnitFen, Additive: AdditiveYes,
		Definition: "Sum of the refunded amounts of " + paidInPeriod + ", attributed to the payment date of the order (order exports carry no refund completion time). A refund recorded by a later import restates the day the order was paid.",
		Formula:    "Σ orders.refunded_fen where paid_at ∈ period", Source: "orders.refunded_fen", Drill: "refunded_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.RefundFen), true }},
	{ID: "net_sales", Field: "net_sales_fen", NameZH: "净销售额", NameEN: "Net sales", Category: "profit", Unit: UnitFen, Additive: AdditiveYes,
		Definition: "GMV minus refunds of the same orders.",
		Formula:    "gmv_fen − refund_fen", Source: "gmv, refunds", Drill: "paid_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.NetSalesFen), true }},
	{ID: "cost_of_goods", Field: "cost_of_goods_fen", NameZH: "销售成本", NameEN: "Cost of goods", Category: "profit", Unit: UnitFen, Additive: AdditiveYes,
		Definition: "Sum over the lines of " + paidInPeriod + " of quantity × the SKU's current cost price (skus.cost_fen). A line whose listing is not matched to a SKU, or whose SKU has no cost price (0), has an unknown cost: it adds nothing here and is counted in cost_unknown_lines and cost_unknown_fen, so an incomplete figure is visible. Refunded lines keep their cost (returns are not tracked yet).",
		Formula:    "Σ order_lines.quantity × skus.cost_fen where sku known and cost_fen > 0", Source: "order_lines.sku_id, order_lines.quantity, skus.cost_fen", Drill: "paid_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.CostOfGoodsFen), true }},
	{ID: "gross_profit", Field: "gross_profit_fen", NameZH: "毛利", NameEN: "Gross profit", Category: "profit", Unit: UnitFen, Additive: AdditiveYes,
		Definition: "Net sales minus cost of goods. Overstated while cost_unknown_lines > 0.",
		Formula:    "net_sales_fen − cost_of_goods_fen", Source: "net_sales, cost_of_goods", Drill: "paid_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.GrossProfitFen), true }},
	{ID: "visitors", Field: "visitors", NameZH: "访客数", NameEN: "Visitors", Category: "traffic", Unit: UnitCount, Additive: AdditiveYes,
		Definition: "Sum of the daily shop-level 访客数 of the period from 生意参谋-style traffic imports. Each day's figure is de-duplicated by the platform; days are added because daily exports carry no visitor identity, so over several days a returning visitor counts once per day.",
		Formula:    "Σ traffic_daily.visitors where item_id = '' and date ∈ period", Source: "traffic_daily (shop level)", Drill: "traffic",
		Value: func(t Totals) (float64, bool) { return float64(t.Visitors), true }},
	{ID: "page_views", Field: "page_views", NameZH: "浏览量", NameEN: "Page views", Category: "traffic", Unit: UnitCount, Additive: AdditiveYes,
		Definition: "Sum of the daily shop-level 浏览量 of the period.",
		Formula:    "Σ traffic_daily.page_views where item_id = '' and date ∈ period", Source: "traffic_daily (shop level)", Drill: "traffic",
		Value: func(t Totals) (float64, bool) { return float64(t.PageViews), true }},
	{ID: "conversion", Field: "conversion", NameZH: "支付转化率", NameEN: "Payment conversion rate", Category: "traffic", Unit: UnitRatio, Additive: AdditiveNo,
		Definition: "Paying buyers divided by visitors (支付转化率 = 支付买家数 / 访客数). For one day this is the platform's figure; over several days the numerator is de-duplicated over the period and the denominator is the sum of daily visitors. value is null when there are no visitors.",
		Formula:    "paying_buyers / visitors", Source: "paying_buyers, visitors", Drill: "paid_orders",
		Value: func(t Totals) (float64, bool) { return t.Conversion.get() }},
	{ID: "favourites", Field: "favourites", NameZH: "收藏人数", NameEN: "Favourites (buyers)", Category: "traffic", Unit: UnitCount, Additive: AdditiveYes,
		Definition: "Sum of the daily shop-level 商品收藏买家数 of the period.",
		Formula:    "Σ traffic_daily.favourite_buyers where item_id = '' and date ∈ period", Source: "traffic_daily (shop level)", Drill: "traffic",
		Value: func(t Totals) (float64, bool) { return float64(t.Favourites), true }},
	{ID: "add_to_cart", Field: "add_to_cart", NameZH: "加购人数", NameEN: "Add-to-cart (buyers)", Category: "traffic", Unit: UnitCount, Additive: AdditiveYes,
		Definition: "Sum of the daily shop-level 加购人数 of the period.",
		Formula:    "Σ traffic_daily.cart_buyers where item_id = '' and date ∈ period", Source: "traffic_daily (shop level)", Drill: "traffic",
		Value: func(t Totals) (float64, bool) { return float64(t.AddToCart), true }},
	{ID: "refund_rate", Field: "refund_rate", NameZH: "退款率", NameEN: "Refund rate", Category: "sales", Unit: UnitRatio, Additive: AdditiveNo,
		Definition: "Refunds divided by GMV of the same orders (by amount). value is null when GMV is 0.",
		Formula:    "refund_fen / gmv_fen", Source: "refunds, gmv", Drill: "refunded_orders",
		Value: func(t Totals) (float64, bool) { return t.RefundRate.get() }},
	{ID: "cost_unknown_lines", Field: "cost_unknown_lines", NameZH: "成本未知明细数", NameEN: "Lines with unknown cost", Category: "quality", Unit: UnitCount, Additive: AdditiveYes,
		Definition: "Number of lines of " + paidInPeriod + " whose cost is unknown (listing not matched to a SKU, or SKU cost price 0). Match the listings or enter the cost prices to bring it to 0.",
		Formula:    "count(order_lines) where sku unknown or cost_fen = 0", Source: "order_lines.sku_id, skus.cost_fen", Drill: "cost_unknown_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.CostUnknownLines), true }},
	{ID: "cost_unknown_sales", Field: "cost_unknown_fen", NameZH: "成本未知销售额", NameEN: "Sales with unknown cost", Category: "quality", Unit: UnitFen, Additive: AdditiveYes,
		Definition: "Paid amount of the lines counted in cost_unknown_lines: how much of the sales has no cost behind it.",
		Formula:    "Σ order_lines.paid_fen where sku unknown or cost_fen = 0", Source: "order_lines.paid_fen", Drill: "cost_unknown_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.CostUnknownFen), true }},
	{ID: "anonymous_orders", Field: "anonymous_orders", NameZH: "无买家标识订单数", NameEN: "Orders without buyer identity", Category: "quality", Unit: UnitCount, Additive: AdditiveYes,
		Definition: "Paid orders of the period whose export carried no buyer identity; each counts as one paying buyer.",
		Formula:    "count(orders) where paid_at ∈ period and customer_id is null", Source: "orders.customer_id", Drill: "anonymous_orders",
		Value: func(t Totals) (float64, bool) { return float64(t.AnonymousOrders), true }},
}

// Lookup returns the metric with id.
func Lookup(id string) (Metric, bool) {
	for _, m := range Registry {
		if m.ID == id {
			return m, true
		}
	}
	return Metric{}, false
}
