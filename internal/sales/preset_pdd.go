package sales

import (
	"strings"

	"ecomops/internal/platform/apperr"
)

// Pinduoduo 订单导出: one row per order (one goods item per order). Money
// headers come as (元) or （元）; NormalizeHeader folds both. 订单成交时间
// may be blank: the order time falls back to 支付时间, 拼单成功时间 and
// 订单确认时间, in that order.
const (
	pdTitle = iota
	pdOrderNo
	pdStatus
	pdGoods
	pdShopDiscount
	pdPlatformDiscount
	pdShipping
	pdPaid
	pdQty
	pdRecvName
	pdPhone
	pdProvince
	pdCity
	pdDistrict
	pdStreet
	pdPaidAt
	pdGroupedAt
	pdConfirmedAt
	pdShippedAt
	pdReceivedAt
	pdItemID
	pdSpec
	pdStyleID
	pdMerchantSKU
	pdMerchantItem
	pdTracking
	pdCarrier
	pdMemo
	pdAfterSale
	pdMessage
	pdDealAt
)

var pddOrders = &layout{
	kind: "pdd_orders", preset: FormatPDD, title: "拼多多 订单导出", role: roleCombined,
	cols: []col{
		pdTitle: {names: []string{"商品"}}, pdOrderNo: {names: []string{"订单号"}, required: true},
		pdStatus: {names: []string{"订单状态"}, required: true}, pdGoods: {names: []string{"商品总价(元)"}, required: true},
		pdShopDiscount: {names: []string{"店铺优惠折扣(元)"}}, pdPlatformDiscount: {names: []string{"平台优惠折扣(元)"}},
		pdShipping: {names: []string{"邮费(元)"}}, pdPaid: {names: []string{"用户实付金额(元)"}, required: true},
		pdQty: {names: []string{"商品数量(件)"}, required: true}, pdRecvName: {names: []string{"收货人"}}, pdPhone: {names: []string{"手机"}},
		pdProvince: {names: []string{"省"}}, pdCity: {names: []string{"市"}}, pdDistrict: {names: []string{"区"}}, pdStreet: {names: []string{"街道"}},
		pdPaidAt: {names: []string{"支付时间"}}, pdGroupedAt: {names: []string{"拼单成功时间"}}, pdConfirmedAt: {names: []string{"订单确认时间"}},
		pdShippedAt: {names: []string{"发货时间"}}, pdReceivedAt: {names: []string{"确认收货时间"}}, pdItemID: {names: []string{"商品id"}},
		pdSpec: {names: []string{"商品规格"}}, pdStyleID: {names: []string{"样式ID"}},
		pdMerchantSKU: {names: []string{"商家编码-SKU维度", "商家编码-规格维度"}}, pdMerchantItem: {names: []string{"商家编码-商品维度"}},
		pdTracking: {names: []string{"快递单号"}}, pdCarrier: {names: []string{"快递公司"}}, pdMemo: {names: []string{"商家备注"}},
		pdAfterSale: {names: []string{"售后状态"}}, pdMessage: {names: []string{"买家留言"}}, pdDealAt: {names: []string{"订单成交时间"}},
	},
	parse: func(p *rowParser, r *OrderRecord, l *LineRecord) string {
		no := p.orderNo(pdOrderNo)
		p.status(pdStatus, r)
		r.GoodsFen, r.ShippingFen, r.PaidFen = p.fen(pdGoods), p.fen(pdShipping), p.fen(pdPaid)
		r.DiscountFen = p.fen(pdShopDiscount) + p.fen(pdPlatformDiscount)
		r.ReceiverName, r.ReceiverPhone = p.s(pdRecvName), p.s(pdPhone)
		r.ReceiverAddress = joinNonEmpty(p.s(pdProvince), p.s(pdCity), p.s(pdDistrict), p.s(pdStreet))
		if !strings.Contains(r.ReceiverPhone, "*") && r.ReceiverPhone != "" {
			r.BuyerKey = "phone:" + r.ReceiverPhone
		}
		r.PaidAt, r.ShippedAt, r.CompletedAt = p.when(pdPaidAt), p.when(pdShippedAt), p.when(pdReceivedAt)
		if t := p.firstOf(pdDealAt, pdPaidAt, pdGroupedAt, pdConfirmedAt); t != nil {
			r.OrderedAt = *t
		} else if len(p.errs) == 0 {
			p.fail(pdDealAt, apperr.Because("no_order_time", apperr.P{"columns": []string{"订单成交时间", "支付时间", "拼单成功时间", "订单确认时间"}}),
				"the order has no time: 订单成交时间, 支付时间, 拼单成功时间 and 订单确认时间 are all empty")
		}
		r.Carrier, r.TrackingNo, r.SellerMemo, r.BuyerMessage = p.s(pdCarrier), p.s(pdTracking), p.s(pdMemo), p.s(pdMessage)
		if as := p.s(pdAfterSale); strings.Contains(as, "退款成功") {
			r.RefundedFen = r.PaidFen
			l.RefundStatus, l.RefundedFen = as, r.PaidFen
		} else if as != "" && as != "无售后或售后取消" {
			l.RefundStatus = as
		}

		l.Title, l.Attributes = p.s(pdTitle), p.s(pdSpec)
		l.ItemID, l.PlatformSKUID = p.s(pdItemID), p.s(pdStyleID)
		l.MerchantCode = p.s(pdMerchantSKU)
		if l.MerchantCode == "" {
			l.MerchantCode = p.s(pdMerchantItem)
		}
		if l.ItemID == "" {
			l.ItemID = l.MerchantCode
		}
		if l.ItemID == "" {
			l.ItemID = clipValue(l.Title)
		}
		l.Quantity = p.count(pdQty)
		if l.Quantity > 0 {
			l.UnitPriceFen = r.GoodsFen / l.Quantity
		}
		l.PaidFen = r.PaidFen
		return no
	},
}

func joinNonEmpty(parts ...string) string {
	out := parts[:0:0]
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ")
}
