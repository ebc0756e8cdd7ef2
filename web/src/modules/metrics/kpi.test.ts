import { describe, expect, it } from 'vitest'
import { changeView, drillRoute, formatKpi, formatKpiFull, kpiValue } from './kpi'
import type { Totals } from './types'

const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, value: denominator ? numerator / denominator : null })

const totals = {
  gmv_fen: 12345678,
  paid_orders: 321,
  conversion: ratio(30, 1000),
  refund_rate: ratio(0, 0),
} as unknown as Totals

describe('KPI values', () => {
  it('reads counts, money and ratios', () => {
    expect(kpiValue(totals, 'gmv_fen')).toBe(12345678)
    expect(kpiValue(totals, 'conversion')).toBeCloseTo(0.03)
    expect(kpiValue(totals, 'refund_rate')).toBeNull()
    expect(kpiValue(undefined, 'gmv_fen')).toBeNull()
  })
  it('formats per unit', () => {
    expect(formatKpi(12345678, 'fen', 'zh-CN')).toBe('¥12.35万')
    expect(formatKpi(12345678, 'fen', 'en')).toBe('¥123.5k')
    expect(formatKpi(0.03, 'ratio', 'en')).toBe('3.00%')
    expect(formatKpi(1234, 'count', 'en')).toBe('1,234')
    expect(formatKpi(null, 'ratio', 'en')).toBe('-')
    expect(formatKpiFull(12345678, 'fen')).toBe('¥123,456.78')
    expect(formatKpiFull(-500, 'fen')).toBe('-¥5.00')
  })
})

describe('period comparisons (环比 / 同比)', () => {
  const change = (current: number, base: number) => ({
    current,
    base,
    numerator: current - base,
    denominator: base,
    value: base ? (current - base) / base : null,
  })
  it('shows growth as good and decline as bad', () => {
    expect(changeView(change(120, 100))).toEqual({ text: '+20.00%', dir: 'up', tone: 'good' })
    expect(changeView(change(90, 100))).toEqual({ text: '-10.00%', dir: 'down', tone: 'bad' })
  })
  it('turns the tone round when up is bad (refunds)', () => {
    expect(changeView(change(120, 100), true)).toEqual({ text: '+20.00%', dir: 'up', tone: 'bad' })
    expect(changeView(change(50, 100), true)).toEqual({ text: '-50.00%', dir: 'down', tone: 'good' })
  })
  it('says nothing when there is no base, and flat for no change', () => {
    expect(changeView(change(120, 0))).toEqual({ text: '-', dir: 'none', tone: 'neutral' })
    expect(changeView(undefined)).toEqual({ text: '-', dir: 'none', tone: 'neutral' })
    expect(changeView(change(100, 100))).toEqual({ text: '0.00%', dir: 'flat', tone: 'neutral' })
    expect(changeView({ ...change(1, 1), value: 0.00001 })).toEqual({ text: '0.00%', dir: 'flat', tone: 'neutral' })
  })
})

describe('drill-down links', () => {
  it('opens the orders behind a figure with the server query', () => {
    const r = drillRoute({ target: 'orders', shop_ids: [1, 2], query: 'shop_ids=1,2&paid_from=2026-11-01&paid_to=2026-11-30&refunded=true' })
    expect(r).toEqual({
      path: '/sales/orders',
      query: { shop_ids: '1,2', paid_from: '2026-11-01', paid_to: '2026-11-30', refunded: 'true' },
    })
  })
  it('opens traffic rows for traffic figures and drops empty values', () => {
    const r = drillRoute({ target: 'traffic', shop_ids: [], query: 'shop_ids=&from=2026-11-01&to=2026-11-30' })
    expect(r).toEqual({ path: '/sales/traffic', query: { from: '2026-11-01', to: '2026-11-30' } })
    expect(drillRoute(null)).toBeNull()
  })
})
