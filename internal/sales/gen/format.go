package gen

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

var cst = time.FixedZone("CST", 8*3600)

// ts writes a time as the platforms do: Beijing wall clock, to the second.
func ts(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(cst).Format("2006-01-02 15:04:05")
}

// yuan writes fen as yuan with two decimals.
func yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}

// yuanGrouped writes yuan with thousands separators (1,234.50).
func yuanGrouped(fen int64) string {
	s := yuan(fen)
	dot := strings.IndexByte(s, '.')
	intPart, rest := s[:dot], s[dot:]
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && c != '-' && intPart[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + rest
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (o *Order) units() int64 {
	var n int64
	for _, l := range o.Lines {
		n += l.Qty
	}
	return n
}

func (o *Order) titles(sep string) string {
	t := make([]string, len(o.Lines))
	for i, l := range o.Lines {
		t[i] = l.Title
	}
	return strings.Join(t, sep)
}

func (o *Order) address(sep string) string {
	return strings.Join([]string{o.Province, o.City, o.District, o.Street}, sep)
}

// maskedName and maskedPhone are how newer exports show receivers.
func maskedName(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	return string(r[:1]) + strings.Repeat("*", len(r)-1)
}

func maskedPhone(p string) string {
	if len(p) < 11 {
		return p
	}
	return p[:3] + "****" + p[7:]
}

// statusText gives the platform's own text for a normalised status; alt
// picks the variant with a full-width comma where the platform has one.
func statusText(platform, status string, alt bool, refunded bool) string {
	switch platform {
	case "jd":
		return map[string]string{"pending_payment": "等待付款", "paid": "等待出库", "shipped": "等待确认收货", "completed": "完成", "closed": "已取消"}[status]
	case "pdd":
		if status == "closed" && refunded {
			return "未发货，退款成功"
		}
		return map[string]string{"pending_payment": "待支付", "paid": "待发货", "shipped": "已发货，待签收", "completed": "已签收", "closed": "已取消"}[status]
	case "douyin":
		return map[string]string{"pending_payment": "待支付", "paid": "备货中", "shipped": "已发货", "completed": "已完成", "closed": "已关闭"}[status]
	}
	comma := ","
	if alt {
		comma = "，"
	}
	return map[string]string{"pending_payment": "等待买家付款", "paid": "买家已付款" + comma + "等待卖家发货",
		"shipped": "卖家已发货" + comma + "等待买家确认", "completed": "交易成功", "closed": "交易关闭"}[status]
}
