// How the dashboard shows a KPI: which field of Totals holds it, how to
// format it, and how its 环比/同比 change reads (direction and whether up is good).
import { formatCount, formatFen, formatFenShort, formatPercent } from '@/composables/format'
import type { Change, Drill, Totals } from './types'

export type Unit = 'fen' | 'count' | 'ratio'

export interface KpiCard {
  /** Metric id of the registry (GET /metrics/definitions), the key of changes and drill. */
  id: string
  field: keyof Totals
  unit: Unit
  /** Up is bad (refunds). */
  inverse?: boolean
}

export const KPI_CARDS: KpiCard[] = [
  { id: 'gmv', field: 'gmv_fen', unit: 'fen' },
  { id: 'paid_orders', field: 'paid_orders', unit: 'count' },
  { id: 'paying_buyers', field: 'paying_buyers', unit: 'count' },
  { id: 'aov', field: 'aov_fen', unit: 'fen' },
  { id: 'conversion', field: 'conversion', unit: 'ratio' },
  { id: 'units', field: 'units', unit: 'count' },
  { id: 'refunds', field: 'refund_fen', unit: 'fen', inverse: true },
  { id: 'net_sales', field: 'net_sales_fen', unit: 'fen' },
  { id: 'gross_profit', field: 'gross_profit_fen', unit: 'fen' },
  { id: 'visitors', field: 'visitors', unit: 'count' },
]

/** The number behind a card (a ratio's value; null when undefined). */
export function kpiValue(totals: Totals | undefined, field: keyof Totals): number | null {
  if (!totals) return null
  const v = totals[field] as unknown
  if (typeof v === 'number') return v
  if (v && typeof v === 'object' && 'value' in v) return (v as { value: number | null }).value
  return null
}

/** Short form for a card ("¥123.46万", "1,234", "3.21%"). */
export function formatKpi(value: number | null, unit: Unit, locale: string): string {
  if (value === null) return '-'
  if (unit === 'fen') return formatFenShort(value, locale)
  if (unit === 'ratio') return formatPercent(value, 2) || '-'
  return formatCount(value)
}

/** Full form for tooltips and tables ("¥1,234,567.89"). */
export function formatKpiFull(value: number | null, unit: Unit): string {
  if (value === null) return '-'
  if (unit === 'fen') return `${value < 0 ? '-' : ''}¥${formatFen(Math.abs(value))}`
  if (unit === 'ratio') return formatPercent(value, 2) || '-'
  return formatCount(value)
}

export interface ChangeView {
  /** "+12.34%", "-3.10%", "0.00%", or "-" when there is nothing to compare with. */
  text: string
  dir: 'up' | 'down' | 'flat' | 'none'
  tone: 'good' | 'bad' | 'neutral'
}

/** A 环比/同比 change as the card shows it; `inverse` when up is bad. */
export function changeView(c: Change | undefined | null, inverse = false): ChangeView {
  const v = c?.value
  if (v === null || v === undefined || !Number.isFinite(v)) return { text: '-', dir: 'none', tone: 'neutral' }
  const pct = Math.abs(v * 100).toFixed(2)
  if (pct === '0.00') return { text: '0.00%', dir: 'flat', tone: 'neutral' }
  const up = v > 0
  return { text: `${up ? '+' : '-'}${pct}%`, dir: up ? 'up' : 'down', tone: up !== inverse ? 'good' : 'bad' }
}

/** Where a figure leads: the order list or the traffic list with the drill's query. */
export function drillRoute(d: Drill | undefined | null): { path: string; query: Record<string, string> } | null {
  if (!d) return null
  const query: Record<string, string> = {}
  for (const [k, v] of new URLSearchParams(d.query ?? '')) if (v !== '') query[k] = v
  return { path: d.target === 'traffic' ? '/sales/traffic' : '/sales/orders', query }
}
