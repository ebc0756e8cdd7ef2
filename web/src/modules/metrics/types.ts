// Metrics (KPIs and the dashboard): the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type Dashboard = Schemas['MetricsDashboard']
export type Totals = Schemas['MetricsTotals']
export type Change = Schemas['MetricsChange']
export type Changes = Schemas['MetricsChanges']
export type Drill = Schemas['MetricsDrill']
export type Ratio = Schemas['MetricsRatio']
export type TopSku = Schemas['MetricsTopSKU']
export type Metric = Schemas['MetricsMetric']
export type ShopTotals = Schemas['MetricsShopTotals']
export type PlatformTotals = Schemas['MetricsPlatformTotals']
export type DayTotals = Schemas['MetricsDay']

export type DashboardQuery = QueryOf<'metrics.dashboard'>
