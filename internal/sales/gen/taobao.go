package gen

import (
	"fmt"
	"io"
	"iter"

	"github.com/xuri/excelize/v2"
)

// TaobaoOrderHeader is the classic 订单报表 header; the real export puts a
// trailing space after some names.
var TaobaoOrderHeader = []string{
	"订单编号", "买家会员名", "买家支付宝账号", "支付交易号", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额",
	"返点积分", "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式",
	"联系电话 ", "联系手机", "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注",
	"宝贝总数量", "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单", "分阶段订单信息",
	"特权订金订单id", "定金排名", "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易",
	"买家姓名", "买家身份证号", "买家手机号",
}

// TaobaoItemHeader is the companion 宝贝报表 header.
var TaobaoItemHeader = []string{"订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "备注", "订单状态", "商家编码"}

// WriteTaobao writes the classic 订单报表 to orders and, when items is not
// nil, its 宝贝报表, both GBK with CRLF and the export's quirks.
func WriteTaobao(orders, items io.Writer, seq iter.Seq[Order]) error {
	ow := newCSV(orders, true, false)
	ow.row(TaobaoOrderHeader...)
	var iw *csvWriter
	if items != nil {
		iw = newCSV(items, true, false)
		iw.row(TaobaoItemHeader...)
	}
	n := 0
	for o := range seq {
		n++
		status := statusText("taobao", o.Status, n%2 == 0, o.RefundFen > 0)
		tracking := ""
		if o.Tracking != "" {
			tracking = "No:" + o.Tracking
		}
		closeReason := "订单未关闭"
		if o.Status == "closed" {
			closeReason = o.CloseReason
		}
		total := o.GoodsFen + o.ShippingFen
		ow.row(excelText(o.No), o.Buyer, "a***@163.com", excelText(fmt.Sprintf("2026%015d", n)), yuan(o.GoodsFen), yuan(o.ShippingFen), "0",
			yuan(total), "0", yuan(o.PaidFen), "0", status, o.Message, o.ReceiverName, o.address(" "), "快递",
			"", "'"+o.Phone, ts(&o.Created), ts(o.Paid), o.titles("，"), itoa(int64(len(o.Lines))), tracking, o.Carrier, o.Memo,
			itoa(o.units()), "12345678", "优选家居旗舰店", closeReason, "0", "0元", "", "手机订单", "", "", "", "", "", "",
			"0.00", "0.00", "否", "", "", "")
		if iw != nil {
			for _, l := range o.Lines {
				iw.row(excelText(o.No), l.Title, yuan(l.PriceFen), itoa(l.Qty), "", l.Attrs, "", "", status, l.MerchantCode)
			}
		}
	}
	if iw != nil {
		if err := iw.close(); err != nil {
			return err
		}
	}
	return ow.close()
}

// QianniuOrderHeader and QianniuItemHeader are the newer 千牛 XLSX sheets.
var (
	QianniuOrderHeader = []string{"订单编号", "支付单号", "买家应付货款", "买家应付邮费", "总金额", "买家实付金额", "订单状态", "收货地址",
		"运送方式", "订单创建时间", "订单付款时间", "商品标题", "宝贝种类", "物流单号", "物流公司", "备注标签", "商家备注", "宝贝总数量",
		"开票信息", "手机订单", "商品属性SKU", "发货时间", "退款金额", "确认收货时间", "店铺名称", "订单关闭原因"}
	QianniuItemHeader = []string{"子订单编号", "主订单编号", "商品标题", "商品价格", "购买数量", "外部系统编号", "商品属性", "套餐信息",
		"订单状态", "商家编码", "买家应付货款", "买家实付金额", "退款状态", "退款金额", "订单创建时间", "订单付款时间", "商品ID", "分阶段信息"}
)

// WriteQianniu writes a 千牛 workbook with an order sheet and a 销售明细 sheet.
func WriteQianniu(path string, seq iter.Seq[Order]) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "订单"); err != nil {
		return err
	}
	if _, err := f.NewSheet("销售明细"); err != nil {
		return err
	}
	ow, err := f.NewStreamWriter("订单")
	if err != nil {
		return err
	}
	iw, err := f.NewStreamWriter("销售明细")
	if err != nil {
		return err
	}
	cells := func(s ...string) []any {
		out := make([]any, len(s))
		for i, v := range s {
			out[i] = v
		}
		return out
	}
	ow.SetRow("A1", cells(QianniuOrderHeader...))
	iw.SetRow("A1", cells(QianniuItemHeader...))
	r, ir := 2, 2
	for o := range seq {
		status := statusText("taobao", o.Status, r%2 == 0, o.RefundFen > 0)
		refund := "0.00"
		if o.RefundFen > 0 {
			refund = yuan(o.RefundFen)
		}
		addr := o.Province + " " + o.City + " " + o.District + " " + "****"
		cell, _ := excelize.CoordinatesToCellName(1, r)
		ow.SetRow(cell, cells(o.No, fmt.Sprintf("2026%015d", r), yuan(o.GoodsFen), yuan(o.ShippingFen), yuan(o.GoodsFen+o.ShippingFen),
			yuan(o.PaidFen), status, addr, "快递", ts(&o.Created), ts(o.Paid), o.titles("，"), itoa(int64(len(o.Lines))), o.Tracking, o.Carrier,
			"", o.Memo, itoa(o.units()), "", "是", "", ts(o.Shipped), refund, ts(o.Completed), "优选家居旗舰店", o.CloseReason))
		r++
		for j, l := range o.Lines {
			refundText, refundState := "无退款申请", "没有申请退款"
			if l.RefundFen > 0 {
				refundText, refundState = yuan(l.RefundFen), "退款成功"
			}
			cell, _ := excelize.CoordinatesToCellName(1, ir)
			iw.SetRow(cell, cells(fmt.Sprintf("%s%02d", o.No, j+1), o.No, l.Title, yuan(l.PriceFen), itoa(l.Qty), "", l.Attrs, "", status,
				l.MerchantCode, yuan(l.PriceFen*l.Qty), yuan(l.PaidFen), refundState, refundText, ts(&o.Created), ts(o.Paid), l.ItemID, ""))
			ir++
		}
	}
	if err := ow.Flush(); err != nil {
		return err
	}
	if err := iw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
