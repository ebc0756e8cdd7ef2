package sales

import (
	"strings"

	"ecomops/internal/platform/apperr"
)

// Taobao/Tmall classic 订单报表 (ExportOrderList*.csv, GBK): one row per order.
const (
	tbOrderNo = iota
	tbBuyer
	tbGoods
	tbShipping
	tbTotal
	tbPaid
	tbStatus
	tbMessage
	tbRecvName
	tbAddress
	tbPhone
	tbMobile
	tbOrdered
	tbPaidAt
	tbCarrier
	tbTracking
	tbMemo
	tbUnits
	tbCloseReason
)

var taobaoOrders = &layout{
	kind: "taobao_orders", preset: FormatTaobao, title: "淘宝/天猫 订单报表 (ExportOrderList)", role: roleOrders,
	cols: []col{
		tbOrderNo: {names: []string{"订单编号"}, required: true}, tbBuyer: {names: []string{"买家会员名"}, required: true},
		tbGoods: {names: []string{"买家应付货款"}}, tbShipping: {names: []string{"买家应付邮费"}}, tbTotal: {names: []string{"总金额"}},
		tbPaid: {names: []string{"买家实际支付金额"}, required: true}, tbStatus: {names: []string{"订单状态"}, required: true},
		tbMessage: {names: []string{"买家留言"}}, tbRecvName: {names: []string{"收货人姓名"}}, tbAddress: {names: []string{"收货地址"}},
		tbPhone: {names: []string{"联系电话"}}, tbMobile: {names: []string{"联系手机"}},
		tbOrdered: {names: []string{"订单创建时间"}, required: true}, tbPaidAt: {names: []string{"订单付款时间"}, required: true},
		tbCarrier: {names: []string{"物流公司"}}, tbTracking: {names: []string{"物流单号"}}, tbMemo: {names: []string{"订单备注"}},
		tbUnits: {names: []string{"宝贝总数量"}}, tbCloseReason: {names: []string{"订单关闭原因"}},
	},
	parse: func(p *rowParser, r *OrderRecord, _ *LineRecord) string {
		no := p.orderNo(tbOrderNo)
		r.BuyerNick = p.s(tbBuyer)
		r.BuyerKey = r.BuyerNick
		p.status(tbStatus, r)
		r.GoodsFen, r.ShippingFen, r.PaidFen = p.fen(tbGoods), p.fen(tbShipping), p.fen(tbPaid)
		p.fen(tbTotal) // 总金额 = goods + shipping: checked for a malformed amount, not stored
		r.BuyerMessage = p.s(tbMessage)
		r.ReceiverName, r.ReceiverAddress = p.s(tbRecvName), p.s(tbAddress)
		r.ReceiverPhone = p.s(tbMobile)
		if r.ReceiverPhone == "" {
			r.ReceiverPhone = p.s(tbPhone)
		}
		r.OrderedAt = p.need(tbOrdered)
		r.PaidAt = p.when(tbPaidAt)
		r.Carrier, r.TrackingNo = p.s(tbCarrier), trackingNo(p.s(tbTracking))
		r.SellerMemo = p.s(tbMemo)
		r.Units = p.count(tbUnits)
		r.CloseReason = closeReason(p.s(tbCloseReason))
		return no
	},
}

// Taobao/Tmall classic 宝贝报表 (ExportOrderDetailList*.csv): one row per
// item. It carries no platform item id: the listing key is the merchant
// code (商家编码, else 外部系统编号, else the title) plus the attributes.
const (
	tiOrderNo = iota
	tiTitle
	tiPrice
	tiQty
	tiExternal
	tiAttrs
	tiPackage
	tiNote
	tiStatus
	tiMerchant
)

var taobaoItems = &layout{
	kind: "taobao_items", preset: FormatTaobao, title: "淘宝/天猫 宝贝报表 (ExportOrderDetailList)", role: roleItems,
	cols: []col{
		tiOrderNo: {names: []string{"订单编号"}, required: true}, tiTitle: {names: []string{"标题"}, required: true},
		tiPrice: {names: []string{"价格"}, required: true}, tiQty: {names: []string{"购买数量"}, required: true},
		tiExternal: {names: []string{"外部系统编号"}}, tiAttrs: {names: []string{"商品属性"}}, tiPackage: {names: []string{"套餐信息"}},
		tiNote: {names: []string{"备注"}}, tiStatus: {names: []string{"订单状态"}}, tiMerchant: {names: []string{"商家编码"}},
	},
	parse: func(p *rowParser, _ *OrderRecord, l *LineRecord) string {
		no := p.orderNo(tiOrderNo)
		l.Title, l.Attributes = p.s(tiTitle), p.s(tiAttrs)
		l.UnitPriceFen, l.Quantity = p.fen(tiPrice), p.count(tiQty)
		l.MerchantCode = p.s(tiMerchant)
		if l.MerchantCode == "" {
			l.MerchantCode = p.s(tiExternal)
		}
		l.ItemID = l.MerchantCode
		if l.ItemID == "" {
			l.ItemID = clipValue(l.Title)
		}
		l.PlatformSKUID = l.Attributes
		l.PaidFen = l.UnitPriceFen * l.Quantity
		if l.Title == "" {
			p.fail(tiTitle, apperr.Required(), "item title is required")
		}
		return no
	},
}

// 千牛 order sheet (XLSX): one row per order.
const (
	qoOrderNo = iota
	qoBuyer
	qoGoods
	qoShipping
	qoPaid
	qoStatus
	qoAddress
	qoOrdered
	qoPaidAt
	qoCarrier
	qoTracking
	qoMemo
	qoUnits
	qoShippedAt
	qoRefund
	qoCompletedAt
	qoCloseReason
	qoPayNo
)

var qianniuOrders = &layout{
	kind: "qianniu_orders", preset: FormatTaobao, title: "千牛 订单 (XLSX)", role: roleOrders,
	cols: []col{
		qoOrderNo: {names: []string{"订单编号"}, required: true}, qoBuyer: {names: []string{"买家会员名", "买家昵称"}},
		qoGoods: {names: []string{"买家应付货款"}}, qoShipping: {names: []string{"买家应付邮费"}},
		qoPaid: {names: []string{"买家实付金额"}, required: true}, qoStatus: {names: []string{"订单状态"}, required: true},
		qoAddress: {names: []string{"收货地址"}}, qoOrdered: {names: []string{"订单创建时间"}, required: true},
		qoPaidAt: {names: []string{"订单付款时间"}}, qoCarrier: {names: []string{"物流公司"}}, qoTracking: {names: []string{"物流单号"}},
		qoMemo: {names: []string{"商家备注"}}, qoUnits: {names: []string{"宝贝总数量"}}, qoShippedAt: {names: []string{"发货时间"}},
		qoRefund: {names: []string{"退款金额"}}, qoCompletedAt: {names: []string{"确认收货时间"}},
		qoCloseReason: {names: []string{"订单关闭原因"}}, qoPayNo: {names: []string{"支付单号"}, required: true},
	},
	parse: func(p *rowParser, r *OrderRecord, _ *LineRecord) string {
		no := p.orderNo(qoOrderNo)
		r.BuyerNick = p.s(qoBuyer)
		r.BuyerKey = r.BuyerNick
		p.status(qoStatus, r)
		r.GoodsFen, r.ShippingFen, r.PaidFen = p.fen(qoGoods), p.fen(qoShipping), p.fen(qoPaid)
		r.RefundedFen = p.refundFen(qoRefund)
		r.ReceiverAddress = p.s(qoAddress)
		r.OrderedAt = p.need(qoOrdered)
		r.PaidAt, r.ShippedAt, r.CompletedAt = p.when(qoPaidAt), p.when(qoShippedAt), p.when(qoCompletedAt)
		r.Carrier, r.TrackingNo = p.s(qoCarrier), trackingNo(p.s(qoTracking))
		r.SellerMemo = p.s(qoMemo)
		r.Units = p.count(qoUnits)
		r.CloseReason = closeReason(p.s(qoCloseReason))
		return no
	},
}

// 千牛 销售明细 sheet: one row per sub-order of an order in the order sheet.
const (
	qiSubNo = iota
	qiOrderNo
	qiTitle
	qiPrice
	qiQty
	qiExternal
	qiAttrs
	qiStatus
	qiMerchant
	qiPaid
	qiRefundStatus
	qiRefund
	qiItemID
)

var qianniuItems = &layout{
	kind: "qianniu_items", preset: FormatTaobao, title: "千牛 销售明细 (XLSX)", role: roleItems,
	cols: []col{
		qiSubNo: {names: []string{"子订单编号"}, required: true}, qiOrderNo: {names: []string{"主订单编号"}, required: true},
		qiTitle: {names: []string{"商品标题"}, required: true}, qiPrice: {names: []string{"商品价格"}, required: true},
		qiQty: {names: []string{"购买数量"}, required: true}, qiExternal: {names: []string{"外部系统编号"}},
		qiAttrs: {names: []string{"商品属性"}}, qiStatus: {names: []string{"订单状态"}}, qiMerchant: {names: []string{"商家编码"}},
		qiPaid: {names: []string{"买家实付金额"}}, qiRefundStatus: {names: []string{"退款状态"}}, qiRefund: {names: []string{"退款金额"}},
		qiItemID: {names: []string{"商品ID"}},
	},
	parse: func(p *rowParser, _ *OrderRecord, l *LineRecord) string {
		no := p.orderNo(qiOrderNo)
		l.SubOrderNo = p.s(qiSubNo)
		l.Title, l.Attributes = p.s(qiTitle), p.s(qiAttrs)
		l.UnitPriceFen, l.Quantity, l.PaidFen = p.fen(qiPrice), p.count(qiQty), p.fen(qiPaid)
		l.MerchantCode = p.s(qiMerchant)
		if l.MerchantCode == "" {
			l.MerchantCode = p.s(qiExternal)
		}
		l.ItemID, l.PlatformSKUID = p.s(qiItemID), l.Attributes
		if l.ItemID == "" {
			l.ItemID = l.MerchantCode
		}
		if l.ItemID == "" {
			l.ItemID = clipValue(l.Title)
		}
		if rs := p.s(qiRefundStatus); rs != "没有申请退款" {
			l.RefundStatus = rs
		}
		l.RefundedFen = p.refundFen(qiRefund)
		return no
	},
	lineKey: func(p *rowParser) string { return p.s(qiSubNo) },
}

// trackingNo drops the "No:" prefix the classic report puts before tracking numbers.
func trackingNo(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"No:", "NO:", "No：", "no:"} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimSpace(s)
}

// closeReason drops the 订单未关闭 placeholder.
func closeReason(s string) string {
	if s == "订单未关闭" {
		return ""
	}
	return s
}
