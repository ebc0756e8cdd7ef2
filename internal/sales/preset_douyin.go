package sales

import (
	"strings"

	"ecomops/internal/platform/apperr"
)

// Douyin 抖店 订单导出 (UTF-8 with BOM): one row per sub-order (子订单); the
// main order's fields repeat. 订单应付金额, 优惠总金额 and 商品数量 are per
// sub-order and summed over the order; 运费 is the order's, read from its
// first row.
const (
	dyOrderNo = iota
	dySubNo
	dyTitle
	dySpec
	dyQty
	dyItemID
	dyMerchant
	dyPrice
	dyPayable
	dyShipping
	dyDiscount
	dyRecvName
	dyPhone
	dyProvince
	dyCity
	dyDistrict
	dyStreet
	dyDetail
	dyMessage
	dyOrdered
	dyMemo
	dyCompletedAt
	dyPaidAt
	dyStatus
	dyAfterSale
	dyCancelReason
	dyShippedAt
)

var douyinOrders = &layout{
	kind: "douyin_orders", preset: FormatDouyin, title: "抖店 订单导出", role: roleCombined,
	cols: []col{
		dyOrderNo: {names: []string{"主订单编号"}, required: true}, dySubNo: {names: []string{"子订单编号"}, required: true},
		dyTitle: {names: []string{"选购商品"}}, dySpec: {names: []string{"商品规格"}}, dyQty: {names: []string{"商品数量"}, required: true},
		dyItemID: {names: []string{"商品ID"}}, dyMerchant: {names: []string{"商家编码"}}, dyPrice: {names: []string{"商品单价"}},
		dyPayable: {names: []string{"订单应付金额"}, required: true}, dyShipping: {names: []string{"运费"}},
		dyDiscount: {names: []string{"优惠总金额"}}, dyRecvName: {names: []string{"收件人"}}, dyPhone: {names: []string{"收件人手机号"}},
		dyProvince: {names: []string{"省"}}, dyCity: {names: []string{"市"}}, dyDistrict: {names: []string{"区"}}, dyStreet: {names: []string{"街道"}},
		dyDetail: {names: []string{"详细地址"}}, dyMessage: {names: []string{"买家留言"}},
		dyOrdered: {names: []string{"订单提交时间"}, required: true}, dyMemo: {names: []string{"商家备注"}},
		dyCompletedAt: {names: []string{"订单完成时间"}}, dyPaidAt: {names: []string{"支付完成时间"}},
		dyStatus: {names: []string{"订单状态"}, required: true}, dyAfterSale: {names: []string{"售后状态"}},
		dyCancelReason: {names: []string{"取消原因"}}, dyShippedAt: {names: []string{"发货时间"}},
	},
	parse: func(p *rowParser, r *OrderRecord, l *LineRecord) string {
		no := p.orderNo(dyOrderNo)
		p.status(dyStatus, r)
		r.ShippingFen = p.fen(dyShipping)
		r.ReceiverName, r.ReceiverPhone = p.s(dyRecvName), p.s(dyPhone)
		r.ReceiverAddress = joinNonEmpty(p.s(dyProvince), p.s(dyCity), p.s(dyDistrict), p.s(dyStreet), p.s(dyDetail))
		if !strings.Contains(r.ReceiverPhone, "*") && r.ReceiverPhone != "" {
			r.BuyerKey = "phone:" + r.ReceiverPhone
		}
		r.BuyerMessage, r.SellerMemo, r.CloseReason = p.s(dyMessage), p.s(dyMemo), p.s(dyCancelReason)
		r.OrderedAt = p.need(dyOrdered)
		r.PaidAt, r.ShippedAt, r.CompletedAt = p.when(dyPaidAt), p.when(dyShippedAt), p.when(dyCompletedAt)

		l.SubOrderNo = p.s(dySubNo)
		if l.SubOrderNo == "" {
			p.fail(dySubNo, apperr.Required(), "sub-order number is required")
		}
		l.Title, l.Attributes = p.s(dyTitle), p.s(dySpec)
		l.ItemID, l.MerchantCode = p.s(dyItemID), p.s(dyMerchant)
		if l.ItemID == "" {
			l.ItemID = l.MerchantCode
		}
		if l.ItemID == "" {
			l.ItemID = clipValue(l.Title)
		}
		l.Quantity, l.UnitPriceFen = p.count(dyQty), p.fen(dyPrice)
		payable := p.fen(dyPayable)
		if r.PaidAt != nil {
			l.PaidFen = payable
		}
		r.PaidFen = l.PaidFen
		r.DiscountFen = p.fen(dyDiscount) // summed over the sub-orders by the grouping
		if as := p.s(dyAfterSale); as != "" {
			l.RefundStatus = as
			if strings.Contains(as, "退款成功") {
				l.RefundedFen = l.PaidFen
			}
		}
		return no
	},
	lineKey: func(p *rowParser) string { return p.s(dySubNo) },
	sumRows: true,
}
