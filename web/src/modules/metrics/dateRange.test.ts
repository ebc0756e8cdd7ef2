import { describe, expect, it } from 'vitest'
import { parseRange, rangeFor } from './dateRange'

describe('dashboard date shortcuts', () => {
  const today = new Date(2026, 2, 1) // 2026-03-01
  it('counts back from today, both ends inclusive', () => {
    expect(rangeFor('today', today)).toEqual(['2026-03-01', '2026-03-01'])
    expect(rangeFor('yesterday', today)).toEqual(['2026-02-28', '2026-02-28'])
    expect(rangeFor('last7', today)).toEqual(['2026-02-23', '2026-03-01'])
    expect(rangeFor('last30', today)).toEqual(['2026-01-31', '2026-03-01'])
    expect(rangeFor('thisMonth', today)).toEqual(['2026-03-01', '2026-03-01'])
    expect(rangeFor('lastMonth', today)).toEqual(['2026-02-01', '2026-02-28'])
    expect(rangeFor('thisYear', today)).toEqual(['2026-01-01', '2026-03-01'])
  })
  it('handles a January last month', () => {
    expect(rangeFor('lastMonth', new Date(2026, 0, 15))).toEqual(['2025-12-01', '2025-12-31'])
  })
  it('reads ranges from the URL', () => {
    expect(parseRange('2024-06-01', '2024-06-30')).toEqual(['2024-06-01', '2024-06-30'])
    expect(parseRange('2024-06-30', '2024-06-01')).toBeNull()
    expect(parseRange('yesterday', '2024-06-01')).toBeNull()
    expect(parseRange(undefined, undefined)).toBeNull()
  })
})
