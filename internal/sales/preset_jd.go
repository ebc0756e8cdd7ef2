package sales

import "ecomops/internal/platform/apperr"

// JD 订单导出 (GBK CSV): one row per SKU; the order number and the order's
// fields repeat on each row of the order. Order-level amounts (订单金额,
// 应付金额, 运费金额) are read from the order's first row.
const (
	jdOrderNo = iota
	jdItemID
	jdTitle
	jdQty
	jdOrdered
	jdPrice
	jdGoods
	jdPayable
	jdStatus
	jdAccount
	jdRecvName
	jdAddress
	jdPhone
	jdMessage
	jdMemo
	jdShipping
	jdPaidAt
	jdArticleNo
	jdCompletedAt
	jdMerchantSKU
)

var jdOrders = &layout{
	kind: "jd_orders", preset: FormatJD, title: "京东 订单导出", role: roleCombined,
	cols: []col{
		jdOrderNo: {names: []string{"订单号"}, required: true}, jdItemID: {names: []string{"商品ID"}, required: true},
		jdTitle: {names: []string{"商品名称"}}, jdQty: {names: []string{"订购数量"}, required: true},
		jdOrdered: {names: []string{"下单时间"}, required: true}, jdPrice: {names: []string{"京东价"}},
		jdGoods: {names: []string{"订单金额"}}, jdPayable: {names: []string{"应付金额"}, required: true},
		jdStatus: {names: []string{"订单状态"}, required: true}, jdAccount: {names: []string{"下单帐号", "下单账号"}},
		jdRecvName: {names: []string{"客户姓名"}}, jdAddress: {names: []string{"客户地址"}}, jdPhone: {names: []string{"联系电话"}},
		jdMessage: {names: []string{"订单备注"}}, jdMemo: {names: []string{"商家备注"}}, jdShipping: {names: []string{"运费金额"}},
		jdPaidAt: {names: []string{"付款确认时间"}}, jdArticleNo: {names: []string{"货号"}}, jdCompletedAt: {names: []string{"订单完成时间"}},
		jdMerchantSKU: {names: []string{"商家SKUID"}},
	},
	parse: func(p *rowParser, r *OrderRecord, l *LineRecord) string {
		no := p.orderNo(jdOrderNo)
		p.status(jdStatus, r)
		r.BuyerNick = p.s(jdAccount)
		r.BuyerKey = r.BuyerNick
		r.OrderedAt = p.need(jdOrdered)
		r.PaidAt, r.CompletedAt = p.when(jdPaidAt), p.when(jdCompletedAt)
		r.GoodsFen, r.ShippingFen = p.fen(jdGoods), p.fen(jdShipping)
		payable := p.fen(jdPayable)
		if r.PaidAt != nil { // 应付金额 is written for unpaid orders too
			r.PaidFen = payable
		}
		r.ReceiverName, r.ReceiverAddress, r.ReceiverPhone = p.s(jdRecvName), p.s(jdAddress), p.s(jdPhone)
		r.BuyerMessage, r.SellerMemo = p.s(jdMessage), p.s(jdMemo)

		l.ItemID, l.Title = p.s(jdItemID), p.s(jdTitle)
		if l.ItemID == "" {
			p.fail(jdItemID, apperr.Required(), "商品ID is required")
		}
		l.Quantity, l.UnitPriceFen = p.count(jdQty), p.fen(jdPrice)
		l.PaidFen = l.UnitPriceFen * l.Quantity
		l.MerchantCode = p.s(jdMerchantSKU)
		if l.MerchantCode == "" {
			l.MerchantCode = p.s(jdArticleNo)
		}
		return no
	},
}
