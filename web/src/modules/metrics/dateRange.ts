// Date range shortcuts of the dashboard filter, as business dates.
import { isoDate } from '@/composables/format'

export const RANGE_SHORTCUTS = ['today', 'yesterday', 'last7', 'last30', 'thisMonth', 'lastMonth', 'thisYear'] as const
export type RangeShortcut = (typeof RANGE_SHORTCUTS)[number]

function addDays(d: Date, n: number): Date {
  const x = new Date(d.getFullYear(), d.getMonth(), d.getDate())
  x.setDate(x.getDate() + n)
  return x
}

/** The dates of a shortcut seen from `today`; both ends inclusive. */
export function rangeFor(key: RangeShortcut, today: Date): [string, string] {
  const y = today.getFullYear()
  const m = today.getMonth()
  switch (key) {
    case 'today':
      return [isoDate(today), isoDate(today)]
    case 'yesterday':
      return [isoDate(addDays(today, -1)), isoDate(addDays(today, -1))]
    case 'last7':
      return [isoDate(addDays(today, -6)), isoDate(today)]
    case 'last30':
      return [isoDate(addDays(today, -29)), isoDate(today)]
    case 'thisMonth':
      return [isoDate(new Date(y, m, 1)), isoDate(today)]
    case 'lastMonth':
      return [isoDate(new Date(y, m - 1, 1)), isoDate(new Date(y, m, 0))]
    case 'thisYear':
      return [isoDate(new Date(y, 0, 1)), isoDate(today)]
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** A range from URL values, or null when they are not two ordered dates. */
export function parseRange(from: unknown, to: unknown): [string, string] | null {
  if (typeof from !== 'string' || typeof to !== 'string' || !DATE.test(from) || !DATE.test(to) || from > to) return null
  return [from, to]
}
