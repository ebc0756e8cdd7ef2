package metrics

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"time"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// dashboardWorkbook renders the dashboard's figures for people: money in
// yuan (元, two decimals), ratios in percent, an empty cell where a ratio is
// undefined. One sheet each: about, KPIs with 环比/同比, days, shops,
// platforms, top SKUs.
func dashboardWorkbook(d Dashboard, topSKUs []TopSKU) (*api.FileOutput, error) {
	codes := make([]string, len(d.Shops))
	for i, sh := range d.Shops {
		codes[i] = sh.Code
	}
	about := xlsx.Table{Sheet: "说明 About", Headers: []string{"项目 Item", "值 Value"}, Rows: [][]any{
		{"期间 Period", d.Period.From + " ~ " + d.Period.To},
		{"上期 Previous period (环比)", d.PreviousPeriod.From + " ~ " + d.PreviousPeriod.To},
		{"去年同期 Last year (同比)", d.LastYearPeriod.From + " ~ " + d.LastYearPeriod.To},
		{"时区 Time zone", d.Timezone.Rollups},
		{"店铺 Shops", strings.Join(codes, ", ")},
		{"口径 Definitions", "docs/METRICS.md"},
	}}
	kpis := xlsx.Table{Sheet: "指标 KPIs", Headers: []string{"指标 Metric", "名称", "Name", "单位 Unit", "本期 Current", "上期 Previous",
		"环比 PoP %", "去年同期 Last year", "同比 YoY %"}}
	for _, m := range Registry {
		ch := d.Changes[m.ID]
		kpis.Rows = append(kpis.Rows, []any{m.ID, m.NameZH, m.NameEN, unitLabel(m.Unit), cellOf(m, d.Totals), cellOf(m, d.Previous),
			percent(ch.PoP.Value), cellOf(m, d.LastYear), percent(ch.YoY.Value)})
	}
	metricHeaders := make([]string, len(Registry))
	for i, m := range Registry {
		metricHeaders[i] = m.NameZH + " " + m.NameEN + " (" + unitLabel(m.Unit) + ")"
	}
	days := xlsx.Table{Sheet: "每日 Days", Headers: append([]string{"日期 Date"}, metricHeaders...)}
	for _, day := range d.Days {
		days.Rows = append(days.Rows, append([]any{day.Date}, rowOf(day.Totals)...))
	}
	shops := xlsx.Table{Sheet: "店铺 Shops", Headers: append([]string{"编码 Code", "店铺 Shop", "平台 Platform"}, metricHeaders...)}
	for _, s := range d.ByShop {
		shops.Rows = append(shops.Rows, append([]any{s.Shop.Code, s.Shop.Name, s.Shop.Platform}, rowOf(s.Totals)...))
	}
	platforms := xlsx.Table{Sheet: "平台 Platforms", Headers: append([]string{"平台 Platform"}, metricHeaders...)}
	for _, p := range d.ByPlatform {
		platforms.Rows = append(platforms.Rows, append([]any{p.Platform}, rowOf(p.Totals)...))
	}
	top := xlsx.Table{Sheet: "商品排行 Top SKUs", Headers: []string{"SKU ID", "商品链接 Listing ID", "商家编码 Code", "名称 Name",
		"支付件数 Units", "支付金额 Paid (元)", "退款金额 Refunds (元)", "明细行 Lines", "成本 Cost (元)", "毛利 Gross profit (元)"}}
	for _, t := range topSKUs {
		top.Rows = append(top.Rows, []any{t.SKUID, t.ListingID, t.Code, t.Name, t.Units, yuan(t.PaidFen), yuan(t.RefundFen), t.Lines,
			optYuan(t.CostOfGoodsFen), optYuan(t.GrossProfitFen)})
	}
	var buf bytes.Buffer
	if err := xlsx.WriteBook(&buf, about, kpis, days, shops, platforms, top); err != nil {
		return nil, err
	}
	name := fmt.Sprintf("dashboard-%s-%s-%s.xlsx", d.Period.From, d.Period.To, time.Now().Format("150405"))
	return api.Attachment(name, xlsx.ContentType, buf.Bytes()), nil
}

func rowOf(t Totals) []any {
	out := make([]any, len(Registry))
	for i, m := range Registry {
		out[i] = cellOf(m, t)
	}
	return out
}

// cellOf is a metric's value as a spreadsheet cell.
func cellOf(m Metric, t Totals) any {
	v, ok := m.Value(t)
	switch {
	case !ok:
		return nil
	case m.Unit == UnitFen:
		return v / 100
	case m.Unit == UnitRatio:
		return math.Round(v*1e6) / 1e4 // percent, four decimals
	}
	return int64(v)
}

func unitLabel(u Unit) string {
	switch u {
	case UnitFen:
		return "元"
	case UnitRatio:
		return "%"
	}
	return "个"
}

func percent(v *float64) any {
	if v == nil {
		return nil
	}
	return math.Round(*v*1e6) / 1e4
}

func yuan(fen int64) float64 { return float64(fen) / 100 }

func optYuan(fen *int64) any {
	if fen == nil {
		return nil
	}
	return yuan(*fen)
}
