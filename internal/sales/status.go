package sales

import (
	"strings"

	"ecomops/internal/platform/tabular"
)

// statusTexts maps the platforms' status texts, width-folded and without
// spaces, to the normalised status. Sources: Taobao/Tmall (classic and 千牛),
// JD, Pinduoduo and Douyin exports as described in PLATFORM_EXPORTS.md.
var statusTexts = map[string]string{
	// Taobao / Tmall
	"等待买家付款": StatusPendingPayment, "买家已付款,等待卖家发货": StatusPaid, "卖家已发货,等待买家确认": StatusShipped,
	"交易成功": StatusCompleted, "交易关闭": StatusClosed, "等待卖家发货": StatusPaid, "卖家部分发货": StatusShipped,
	"交易关闭(退款成功)": StatusClosed, "付款以后用户退款成功,交易自动关闭": StatusClosed,
	// JD
	"等待付款": StatusPendingPayment, "等待出库": StatusPaid, "等待确认收货": StatusShipped, "完成": StatusCompleted,
	"已取消": StatusClosed, "锁定": StatusClosed, "等待发货": StatusPaid, "已出库": StatusShipped,
	// Pinduoduo
	"待支付": StatusPendingPayment, "待发货": StatusPaid, "已发货,待收货": StatusShipped, "已发货,待签收": StatusShipped,
	"已签收": StatusCompleted, "已收货": StatusCompleted, "未发货,退款成功": StatusClosed, "已发货,退款成功": StatusClosed,
	"已收货,退款成功": StatusCompleted, "拼团中": StatusPaid,
	// Douyin
	"待付款": StatusPendingPayment, "备货中": StatusPaid, "部分发货": StatusShipped, "已发货": StatusShipped,
	"已完成": StatusCompleted, "已关闭": StatusClosed, "待收货": StatusShipped,
	// generic English
	"pending_payment": StatusPendingPayment, "paid": StatusPaid, "shipped": StatusShipped, "completed": StatusCompleted, "closed": StatusClosed,
}

// NormalizeStatus maps a platform's status text to a normalised status. It
// folds full-width characters (买家已付款，等待卖家发货), drops spaces and a JD
// "(删除)" prefix. ok is false for an unknown text.
func NormalizeStatus(raw string) (status string, ok bool) {
	k := tabular.FoldWidth(raw)
	k = strings.Join(strings.Fields(k), "")
	k = strings.TrimPrefix(k, "(删除)")
	if st, ok := statusTexts[k]; ok {
		return st, true
	}
	if st, ok := statusTexts[strings.ToLower(k)]; ok {
		return st, true
	}
	return "", false
}
