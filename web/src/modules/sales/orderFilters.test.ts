import { describe, expect, it } from 'vitest'
import { drillTags, emptySearch, orderParams, parseOrderQuery } from './orderFilters'

describe('order list filters from a drill-down link', () => {
  it('reads a dashboard drill query', () => {
    const q = Object.fromEntries(new URLSearchParams('shop_ids=3,2,4,1&paid_from=2026-11-01&paid_to=2026-11-30&refunded=true'))
    const { search, drill } = parseOrderQuery(q)
    expect(search.paid).toEqual(['2026-11-01', '2026-11-30'])
    expect(search.shop_id).toBeUndefined()
    expect(drill).toEqual({ shop_ids: [3, 2, 4, 1], refunded: true })
    expect(drillTags(drill)).toEqual([
      { key: 'shop_ids', value: 4 },
      { key: 'refunded', value: '' },
    ])
  })

  it('turns a single drill shop into the shop filter', () => {
    const { search, drill } = parseOrderQuery({ shop_ids: '7', paid_from: '2026-11-05', paid_to: '2026-11-05', sku_id: '12' })
    expect(search.shop_id).toBe(7)
    expect(drill).toEqual({ sku_id: 12 })
  })

  it('ignores what is not a filter value', () => {
    const { search, drill } = parseOrderQuery({ shop_id: 'x', paid_from: 'yesterday', refunded: '1', sku_id: '-3', listing_id: ['9', '10'] })
    expect(search).toEqual(emptySearch())
    expect(drill).toEqual({ listing_id: 9 })
  })

  it('sends the same parameters back, drill filters included', () => {
    const { search, drill } = parseOrderQuery({
      shop_ids: '1,2',
      paid_from: '2026-11-01',
      paid_to: '2026-11-30',
      cost_unknown: 'true',
      status: 'paid',
    })
    expect(orderParams(search, drill)).toEqual({
      status: 'paid',
      paid_from: '2026-11-01',
      paid_to: '2026-11-30',
      shop_ids: '1,2',
      cost_unknown: 'true',
    })
  })

  it('round-trips the form fields', () => {
    const s = { ...emptySearch(), order_no: ' 123 ', buyer: 'tb_abc', shop_id: 2, ordered: ['2026-01-01', '2026-01-31'] as [string, string] }
    const params = orderParams(s, {})
    expect(params).toEqual({ order_no: '123', buyer: 'tb_abc', shop_id: 2, ordered_from: '2026-01-01', ordered_to: '2026-01-31' })
    const back = parseOrderQuery(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])))
    expect(back.search).toEqual({ ...s, order_no: '123' })
  })
})
