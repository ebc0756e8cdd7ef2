package metrics

import (
	"fmt"
	"strings"
)

// docPreamble opens docs/METRICS.md: the rules every metric shares.
const docPreamble = `# EcomOps metrics (指标定义)

Every KPI EcomOps shows is defined once, in ` + "`internal/metrics/registry.go`" + `; this page is
generated from it (` + "`go test ./internal/metrics -run TestMetricsDoc -update`" + `) and a test fails
while the two disagree. Do not edit it by hand.

## Rules shared by every metric
- **Period and time zone.** A period is an inclusive range of business dates
  (` + "`YYYY-MM-DD`" + `) in the company time zone (system settings, default Asia/Shanghai). An
  order belongs to the day its payment time (` + "`orders.paid_at`" + `, stored in UTC) falls on in
  that zone: an order paid at 2026-11-10T16:30Z is paid on 2026-11-11 in Shanghai.
- **Unpaid orders** (no payment time) count in no metric. An order counts once it has a payment
  time, whatever its later status (closed, refunded): the 生意参谋 definition.
- **Buyers** are identified per shop (the ` + "`customers`" + ` table is per shop and platform buyer
  key). Over several shops, paying buyers are the sum of each shop's distinct buyers. An order
  whose export has no buyer identity counts as one buyer of its own.
- **Money** is in fen (int64; JSON keys end in ` + "`_fen`" + `). AOV is rounded half up to the fen.
- **Ratios** are returned as ` + "`{numerator, denominator, value}`" + `; value is null when the
  denominator is 0.
- **Cost** is the SKU's current cost price. After changing cost prices, matching listings, or the
  company time zone, run ` + "`ecomops kpi rebuild`" + ` to restate history (the dashboard reports a
  time-zone mismatch as ` + "`timezone.stale`" + `).
- **Comparisons.** 环比 (period over period) compares with the previous period of equal length;
  同比 (year over year) with the same dates one year earlier (29 February -> 28 February). A
  change is ` + "`{current, base, numerator: current − base, denominator: base, value}`" + `.
- **Drill-down.** Every figure maps to an order-list filter (` + "`shop_ids`, `paid_from`, `paid_to`" + `
  plus ` + "`refunded`, `cost_unknown`, `anonymous`, `sku_id` or `listing_id`" + `), or to the
  traffic rows for traffic metrics; see docs/API.md.
- **Where the numbers come from.** Rollup tables (` + "`metric_*`" + `, migration 00003) are kept
  current in the same transaction as each order import and can be recomputed from the orders with
  ` + "`ecomops kpi rebuild`" + `. Traffic metrics read ` + "`traffic_daily`" + ` directly.
`

// RenderDoc renders docs/METRICS.md from the registry.
func RenderDoc() string {
	var b strings.Builder
	b.WriteString(docPreamble)
	b.WriteString("\n## Summary\n| id | 名称 | name | unit | additive | JSON field |\n|---|---|---|---|---|---|\n")
	for _, m := range Registry {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | `%s` |\n", m.ID, m.NameZH, m.NameEN, m.Unit, m.Additive, m.Field)
	}
	b.WriteString("\nadditive: `yes` sums over days and shops; `shops` sums over shops only; `no` is recomputed from its parts.\n")
	for _, m := range Registry {
		fmt.Fprintf(&b, "\n## `%s` — %s (%s)\n", m.ID, m.NameZH, m.NameEN)
		fmt.Fprintf(&b, "%s\n\n", m.Definition)
		fmt.Fprintf(&b, "- Formula: `%s`\n", m.Formula)
		fmt.Fprintf(&b, "- Unit: %s; additive: %s; category: %s\n", m.Unit, m.Additive, m.Category)
		fmt.Fprintf(&b, "- Source: %s\n", m.Source)
		fmt.Fprintf(&b, "- Drill-down: %s\n", drillDoc[m.Drill])
		fmt.Fprintf(&b, "- JSON: `%s`\n", m.Field)
	}
	return b.String()
}

var drillDoc = map[string]string{
	"paid_orders":         "the orders paid in the period (`shop_ids`, `paid_from`, `paid_to`)",
	"refunded_orders":     "the orders paid in the period with a refund (`refunded=true`)",
	"cost_unknown_orders": "the orders paid in the period with a line of unknown cost (`cost_unknown=true`)",
	"anonymous_orders":    "the orders paid in the period without buyer identity (`anonymous=true`)",
	"traffic":             "the shop-level traffic rows of the period (`shop_ids`, `from`, `to`)",
}
