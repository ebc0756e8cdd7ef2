package sales

import (
	"context"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/i18n"
	"ecomops/internal/platform/xlsx"
)

// rowText is what the error workbook says for each row error code, in the
// user's language. The UI shows the same sentences from its own locale
// files (fieldErrors.<code> in web/src/locales and sales/locale.ts); keep
// the two alike. A test checks every code the importer sends is here.
var rowText = i18n.Catalog{
	i18n.ZH: {
		"invalid":                 "内容无效",
		"required":                "此项为必填项",
		"too_long":                "最多 {max} 个字符",
		"out_of_range_min":        "不能小于 {min}",
		"not_a_number":            "不是有效的数字",
		"too_large":               "数值太大",
		"too_many_decimals":       "小数位数太多",
		"too_many_decimals_max":   "最多 {max} 位小数",
		"not_integer":             "必须是整数",
		"not_a_time":              "不是有效的日期时间（例如 {example}）",
		"unknown_status":          "无法识别的订单状态“{value}”",
		"no_order_time":           "订单没有时间：{columns} 都为空",
		"not_in_order_report":     "订单 {order_no} 不在订单报表中",
		"duplicate_row":           "重复的行：与第 {row} 行相同",
		"order_row_invalid":       "已跳过：订单 {order_no} 在 {file} 第 {row} 行有错误",
		"duplicate_order":         "订单编号 {order_no} 重复：第 {row} 行已出现过",
		"duplicate_order_earlier": "订单编号 {order_no} 重复：本文件前面已出现过",
	},
	i18n.EN: {
		"invalid":                 "Not valid",
		"required":                "Required",
		"too_long":                "At most {max} characters",
		"out_of_range_min":        "Must be at least {min}",
		"not_a_number":            "Not a number",
		"too_large":               "Too large",
		"too_many_decimals":       "Too many decimals",
		"too_many_decimals_max":   "At most {max} decimals",
		"not_integer":             "Must be a whole number",
		"not_a_time":              "Not a date and time (e.g. {example})",
		"unknown_status":          "Unknown order status \"{value}\"",
		"no_order_time":           "The order has no time: {columns} are all empty",
		"not_in_order_report":     "Order {order_no} is not in the order report",
		"duplicate_row":           "Duplicate row: the same as row {row}",
		"order_row_invalid":       "Skipped: order {order_no} has an error on row {row} of {file}",
		"duplicate_order":         "Duplicate order number {order_no}: it already appeared at row {row}",
		"duplicate_order_earlier": "Duplicate order number {order_no}: it already appeared earlier in this file",
	},
}

// rowReason is a stored row error's reason in lang: its code's sentence,
// else (rows stored before codes, or a code this catalog lacks) the stored
// English sentence in English and "内容无效" plus that sentence in Chinese.
func rowReason(lang i18n.Lang, e ImportErrorRow) string {
	if e.Code != "" {
		if s, ok := rowText.Text(lang, i18n.Key(e.Code, e.Params), e.Params); ok {
			return s
		}
	}
	if lang == i18n.EN || e.Reason == "" {
		return e.Reason
	}
	return rowText[i18n.ZH]["invalid"] + "（" + e.Reason + "）"
}

// ErrorReport renders an import's row errors as an XLSX table in lang.
func (s *Service) ErrorReport(ctx context.Context, id int64, lang i18n.Lang) (xlsx.Table, error) {
	items, _, err := s.ImportErrors(ctx, id, api.Page{})
	if err != nil {
		return xlsx.Table{}, err
	}
	t := xlsx.Table{Sheet: lang.Pick("错误", "errors"), Headers: []string{lang.Pick("文件", "File"), lang.Pick("行", "Row"),
		lang.Pick("列", "Column"), lang.Pick("值", "Value"), lang.Pick("原因", "Reason")}}
	for _, e := range items {
		t.Rows = append(t.Rows, []any{e.File, e.Row, e.Column, e.Value, rowReason(lang, e)})
	}
	return t, nil
}
