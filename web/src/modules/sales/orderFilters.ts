// The order list's filters as URL query parameters, so a dashboard figure can
// open the orders behind it (GET /metrics/dashboard answers each figure's
// `drill.query`, e.g. "shop_ids=1,2&paid_from=2026-11-01&paid_to=2026-11-30&refunded=true")
// and a filtered list can be bookmarked.
import type { LocationQuery } from 'vue-router'

/** The search form of the order list. */
export interface OrderSearch {
  order_no: string
  buyer: string
  status: string
  shop_id: number | undefined
  ordered: [string, string] | null
  paid: [string, string] | null
}

/** Drill-down filters the form has no field for; shown as removable tags. */
export interface OrderDrill {
  shop_ids?: number[]
  refunded?: boolean
  cost_unknown?: boolean
  anonymous?: boolean
  sku_id?: number
  listing_id?: number
  customer_id?: number
}

export const DRILL_FLAGS = ['refunded', 'cost_unknown', 'anonymous'] as const
export const DRILL_IDS = ['sku_id', 'listing_id', 'customer_id'] as const

export function emptySearch(): OrderSearch {
  return { order_no: '', buyer: '', status: '', shop_id: undefined, ordered: null, paid: null }
}

function one(q: LocationQuery, key: string): string {
  const v = q[key]
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s.trim() : ''
}

function id(s: string): number | undefined {
  return /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : undefined
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function range(from: string, to: string): [string, string] | null {
  if (!DATE.test(from) && !DATE.test(to)) return null
  return [DATE.test(from) ? from : to, DATE.test(to) ? to : from]
}

/** Reads the list's state from the route query (drill-down links, bookmarks). */
export function parseOrderQuery(q: LocationQuery): { search: OrderSearch; drill: OrderDrill } {
  const search = emptySearch()
  const drill: OrderDrill = {}
  search.order_no = one(q, 'order_no')
  search.buyer = one(q, 'buyer')
  search.status = one(q, 'status')
  search.shop_id = id(one(q, 'shop_id'))
  search.ordered = range(one(q, 'ordered_from'), one(q, 'ordered_to'))
  search.paid = range(one(q, 'paid_from'), one(q, 'paid_to'))
  const shops = one(q, 'shop_ids')
    .split(',')
    .map((s) => id(s.trim()))
    .filter((n): n is number => n !== undefined)
  // one shop is simply the shop filter; several stay a drill-down tag
  if (shops.length === 1 && search.shop_id === undefined) search.shop_id = shops[0]
  else if (shops.length > 1) drill.shop_ids = shops
  for (const f of DRILL_FLAGS) if (one(q, f) === 'true') drill[f] = true
  for (const k of DRILL_IDS) {
    const n = id(one(q, k))
    if (n !== undefined) drill[k] = n
  }
  return { search, drill }
}

/** The list request's parameters (and the URL query) of a search and its drill-down filters. */
export function orderParams(search: OrderSearch, drill: OrderDrill): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  if (search.order_no.trim()) out.order_no = search.order_no.trim()
  if (search.buyer.trim()) out.buyer = search.buyer.trim()
  if (search.status) out.status = search.status
  if (search.shop_id) out.shop_id = search.shop_id
  if (search.ordered) [out.ordered_from, out.ordered_to] = search.ordered
  if (search.paid) [out.paid_from, out.paid_to] = search.paid
  if (drill.shop_ids?.length) out.shop_ids = drill.shop_ids.join(',')
  for (const f of DRILL_FLAGS) if (drill[f]) out[f] = 'true'
  for (const k of DRILL_IDS) if (drill[k]) out[k] = drill[k]!
  return out
}

/** The drill-down tags to show, as [key, value] pairs in a fixed order. */
export function drillTags(drill: OrderDrill): Array<{ key: keyof OrderDrill; value: string | number }> {
  const out: Array<{ key: keyof OrderDrill; value: string | number }> = []
  if (drill.shop_ids?.length) out.push({ key: 'shop_ids', value: drill.shop_ids.length })
  for (const f of DRILL_FLAGS) if (drill[f]) out.push({ key: f, value: '' })
  for (const k of DRILL_IDS) if (drill[k]) out.push({ key: k, value: drill[k]! })
  return out
}
