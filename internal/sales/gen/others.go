package gen

import (
	"io"
	"iter"
)

// JDHeader is the JD 订单导出 header (one row per SKU).
var JDHeader = []string{"订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额", "结算金额", "余额支付",
	"应付金额", "订单状态", "订单类型", "下单帐号", "客户姓名", "客户地址", "联系电话", "订单备注", "发票类型", "发票抬头", "发票内容",
	"商家备注", "商家备注等级（等级1-5为由高到低）", "运费金额", "付款确认时间", "增值税发票", "货号", "订单完成时间", "订单来源", "订单渠道", "商家SKUID"}

// WriteJD writes a JD order export: GBK, one row per SKU, the order's
// fields repeated on each of its rows.
func WriteJD(w io.Writer, seq iter.Seq[Order]) error {
	c := newCSV(w, true, false)
	c.row(JDHeader...)
	for o := range seq {
		payable := o.GoodsFen + o.ShippingFen - o.DiscountFen
		for _, l := range o.Lines {
			c.row(o.No, l.SKUID, l.Title, itoa(l.Qty), "在线支付", ts(&o.Created), yuan(l.PriceFen), yuan(o.GoodsFen), yuan(o.PaidFen), "0.00",
				yuan(payable), statusText("jd", o.Status, false, o.RefundFen > 0), "SOP", o.Buyer, o.ReceiverName, o.address(""), o.Phone,
				o.Message, "电子发票", "个人", "明细", o.Memo, "", yuan(o.ShippingFen), ts(o.Paid), "否", l.MerchantCode, ts(o.Completed),
				"京东APP", "京东商城", l.MerchantCode)
		}
	}
	return c.close()
}

// PDDHeader is the Pinduoduo 订单导出 header; money columns mix (元) and （元）.
var PDDHeader = []string{"商品", "订单号", "订单状态", "商品总价(元)", "店铺优惠折扣（元）", "平台优惠折扣(元)", "邮费(元)", "用户实付金额(元)",
	"商家实收金额（元）", "商品数量(件)", "收货人", "手机", "省", "市", "区", "街道", "支付时间", "拼单成功时间", "订单确认时间",
	"承诺发货时间", "发货时间", "确认收货时间", "商品id", "商品规格", "样式ID", "商家编码-SKU维度", "商家编码-商品维度", "快递单号",
	"快递公司", "商家备注", "售后状态", "买家留言", "订单成交时间"}

// WritePDD writes a Pinduoduo order export: UTF-8, one row per order (one
// goods line; orders with several lines are written as their first line
// with the order's totals, as PDD orders hold one goods item).
func WritePDD(w io.Writer, seq iter.Seq[Order]) error {
	c := newCSV(w, false, false)
	c.row(PDDHeader...)
	for o := range seq {
		l := o.Lines[0]
		after := "无售后或售后取消"
		if o.RefundFen > 0 && o.RefundFen == o.PaidFen {
			after = "退款成功"
		} else if o.RefundFen > 0 {
			after = "部分退款"
		}
		promise := ""
		if o.Paid != nil {
			t := o.Paid.Add(48 * 3600e9)
			promise = ts(&t)
		}
		var qty int64
		for _, x := range o.Lines {
			qty += x.Qty
		}
		c.row(o.titles("，"), o.No, statusText("pdd", o.Status, false, o.RefundFen > 0), yuan(o.GoodsFen), yuan(o.DiscountFen), "0.00",
			yuan(o.ShippingFen), yuan(o.PaidFen), yuan(o.PaidFen), itoa(qty), o.ReceiverName, o.Phone, o.Province, o.City, o.District, o.Street,
			ts(o.Paid), ts(o.Paid), ts(o.Paid), promise, ts(o.Shipped), ts(o.Completed), l.ItemID, l.Attrs, l.SKUID, l.MerchantCode,
			l.MerchantCode, o.Tracking, o.Carrier, o.Memo, after, o.Message, ts(&o.Created))
	}
	return c.close()
}

// DouyinHeader is the 抖店 订单导出 header (one row per sub-order).
var DouyinHeader = []string{"主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码", "商品单价", "订单应付金额",
	"运费", "优惠总金额", "平台优惠", "商家优惠", "达人优惠", "商家改价", "支付优惠", "红包抵扣", "支付方式", "手续费", "收件人",
	"收件人手机号", "省", "市", "区", "街道", "详细地址", "买家留言", "订单提交时间", "商家备注", "订单完成时间", "支付完成时间",
	"APP渠道", "流量来源", "订单状态", "承诺发货时间", "订单类型", "达人ID", "达人昵称", "售后状态", "取消原因", "发货时间"}

// WriteDouyin writes a 抖店 order export: UTF-8 with BOM, ids with a leading
// tab, amounts with thousands separators, receivers masked.
func WriteDouyin(w io.Writer, seq iter.Seq[Order]) error {
	c := newCSV(w, false, true)
	c.row(DouyinHeader...)
	for o := range seq {
		for j, l := range o.Lines {
			after := "-"
			if l.RefundFen > 0 {
				after = "退款成功"
			}
			shipping := "0.00"
			if j == 0 {
				shipping = yuan(o.ShippingFen)
			}
			discount := l.PriceFen*l.Qty - l.PaidFen
			if o.Paid == nil {
				discount = 0
			}
			payable := l.PriceFen*l.Qty - discount
			if j == 0 {
				payable += o.ShippingFen
			}
			c.row("\t"+o.No, "\t"+l.SubNo, l.Title, l.Attrs, itoa(l.Qty), "\t"+l.ItemID, l.MerchantCode, yuanGrouped(l.PriceFen),
				yuanGrouped(payable), shipping, yuan(discount), "0.00", yuan(discount), "0.00", "0.00", "0.00", "0.00", "在线支付", "0.00",
				maskedName(o.ReceiverName), o.Phone, o.Province, o.City, o.District, "***", "***", o.Message, ts(&o.Created), o.Memo,
				ts(o.Completed), ts(o.Paid), "抖音", "直播", statusText("douyin", o.Status, false, o.RefundFen > 0), "", "普通订单", "", "",
				after, o.CloseReason, ts(o.Shipped))
		}
	}
	return c.close()
}

// GenericHeader is the header of WriteGeneric: an ERP-style export no
// preset knows, imported with a column mapping.
var GenericHeader = []string{"单号", "状态", "下单时间", "付款时间", "会员", "实付金额", "运费", "商品编码", "商品名称", "规格", "数量", "单价"}

// GenericStatus is the status text WriteGeneric writes; the mapping of the
// fixtures maps 已审核 to paid, the others are known texts.
var GenericStatus = map[string]string{"pending_payment": "待付款", "paid": "已审核", "shipped": "已发货", "completed": "已完成", "closed": "已关闭"}

// WriteGeneric writes a UTF-8 CSV in no platform's format, one row per line.
func WriteGeneric(w io.Writer, seq iter.Seq[Order]) error {
	c := newCSV(w, false, false)
	c.row(GenericHeader...)
	for o := range seq {
		for j, l := range o.Lines {
			paid, ship := "", ""
			if j == 0 {
				paid, ship = yuan(o.PaidFen), yuan(o.ShippingFen)
			}
			c.row(o.No, GenericStatus[o.Status], ts(&o.Created), ts(o.Paid), o.Buyer, paid, ship, l.MerchantCode, l.Title, l.Attrs, itoa(l.Qty), yuan(l.PriceFen))
		}
	}
	return c.close()
}
