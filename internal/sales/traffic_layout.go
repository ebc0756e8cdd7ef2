package sales

import "ecomops/internal/platform/apperr"

// 生意参谋 traffic exports. The header may sit below title lines (row 5 in
// the product export); rates (跳失率, 支付转化率 ...) and month/year
// cumulative columns are read by no column here and so never stored or
// summed: rates are derived from the stored counts when shown.

// Traffic levels.
const (
	TrafficShop    = "shop"
	TrafficProduct = "product"
)

const (
	tsDate = iota
	tsVisitors
	tsPageViews
	tsCartBuyers
	tsCartUnits
	tsFavBuyers
	tsOrderBuyers
	tsPaidFen
	tsPayingBuyers
	tsPaidUnits
	tsRefundFen
	tsItemID
)

var trafficShopLayout = &layout{
	kind: "sycm_shop", preset: "sycm", title: "生意参谋 店铺整体日报", role: roleOrders,
	cols: []col{
		tsDate: {names: []string{"统计日期", "日期"}, required: true}, tsVisitors: {names: []string{"访客数"}, required: true},
		tsPageViews: {names: []string{"浏览量"}}, tsCartBuyers: {names: []string{"加购人数"}}, tsCartUnits: {names: []string{"加购件数"}},
		tsFavBuyers: {names: []string{"商品收藏买家数", "收藏人数"}}, tsOrderBuyers: {names: []string{"下单买家数"}},
		tsPaidFen: {names: []string{"支付金额"}}, tsPayingBuyers: {names: []string{"支付买家数"}, required: true},
		tsPaidUnits: {names: []string{"支付件数"}}, tsRefundFen: {names: []string{"成功退款金额"}},
		tsItemID: {names: []string{"\x00no item id at shop level"}},
	},
}

var trafficProductLayout = &layout{
	kind: "sycm_product", preset: "sycm", title: "生意参谋 商品_全部", role: roleOrders,
	cols: []col{
		tsDate: {names: []string{"统计日期", "日期"}, required: true}, tsVisitors: {names: []string{"商品访客数"}, required: true},
		tsPageViews: {names: []string{"商品浏览量"}}, tsCartBuyers: {names: []string{"商品加购人数"}}, tsCartUnits: {names: []string{"商品加购件数"}},
		tsFavBuyers: {names: []string{"商品收藏人数"}}, tsOrderBuyers: {names: []string{"下单买家数"}},
		tsPaidFen: {names: []string{"支付金额"}}, tsPayingBuyers: {names: []string{"支付买家数"}, required: true},
		tsPaidUnits: {names: []string{"支付件数"}}, tsRefundFen: {names: []string{"成功退款金额"}},
		tsItemID: {names: []string{"商品ID", "商品id"}, required: true},
	},
}

// TrafficDay is one day of a shop's (item_id "") or an item's funnel.
type TrafficDay struct {
	ShopID          int64  `bun:"shop_id" json:"shop_id"`
	Date            string `bun:"date" json:"date"`
	ItemID          string `bun:"item_id" json:"item_id" doc:"platform item id; empty for the shop level"`
	Visitors        int64  `bun:"visitors" json:"visitors"`
	PageViews       int64  `bun:"page_views" json:"page_views"`
	FavouriteBuyers int64  `bun:"favourite_buyers" json:"favourite_buyers"`
	CartBuyers      int64  `bun:"cart_buyers" json:"cart_buyers"`
	CartUnits       int64  `bun:"cart_units" json:"cart_units"`
	OrderBuyers     int64  `bun:"order_buyers" json:"order_buyers"`
	PayingBuyers    int64  `bun:"paying_buyers" json:"paying_buyers"`
	PaidUnits       int64  `bun:"paid_units" json:"paid_units"`
	PaidFen         int64  `bun:"paid_fen" json:"paid_fen"`
	RefundFen       int64  `bun:"refund_fen" json:"refund_fen"`
	ImportID        *int64 `bun:"import_id" json:"import_id"`
}

// parseTraffic reads one row; the date comes back as YYYY-MM-DD.
func parseTraffic(p *rowParser) TrafficDay {
	var d TrafficDay
	if t := p.when(tsDate); t != nil {
		d.Date = t.In(p.loc).Format("2006-01-02")
	} else if p.s(tsDate) == "" {
		p.fail(tsDate, apperr.Required(), "统计日期 is required")
	}
	if p.has(tsItemID) {
		if d.ItemID = p.s(tsItemID); d.ItemID == "" {
			p.fail(tsItemID, apperr.Required(), "商品ID is required")
		}
	}
	d.Visitors, d.PageViews, d.CartBuyers, d.CartUnits = p.count(tsVisitors), p.count(tsPageViews), p.count(tsCartBuyers), p.count(tsCartUnits)
	d.FavouriteBuyers, d.OrderBuyers, d.PayingBuyers, d.PaidUnits = p.count(tsFavBuyers), p.count(tsOrderBuyers), p.count(tsPayingBuyers), p.count(tsPaidUnits)
	d.PaidFen, d.RefundFen = p.fen(tsPaidFen), p.fen(tsRefundFen)
	return d
}
