// The status timeline of an order: its recorded status events, or, for an
// order imported before events were kept, the milestones its times show.
import type { OrderDetail, OrderEvent } from './types'

export interface TimelineEntry {
  at: string
  status: string
  rawStatus: string
  /** "import" with an id, "user" with an id, or "" for a milestone. */
  source: { kind: 'import' | 'user' | ''; id?: number; raw?: string }
  note: string
}

export function parseSource(source: string): TimelineEntry['source'] {
  const m = /^(import|user):(\d+)$/.exec(source)
  if (m) return { kind: m[1] as 'import' | 'user', id: Number(m[2]) }
  return { kind: '', raw: source || undefined }
}

const milestones: Array<[keyof OrderDetail, string]> = [
  ['ordered_at', 'pending_payment'],
  ['paid_at', 'paid'],
  ['shipped_at', 'shipped'],
  ['completed_at', 'completed'],
  ['closed_at', 'closed'],
]

/** Oldest first. */
export function orderTimeline(o: Pick<OrderDetail, 'events' | 'ordered_at' | 'paid_at' | 'shipped_at' | 'completed_at' | 'closed_at'>): TimelineEntry[] {
  const events: OrderEvent[] = o.events ?? []
  if (events.length) {
    return [...events]
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id))
      .map((e) => ({ at: e.at, status: e.status, rawStatus: e.raw_status, source: parseSource(e.source), note: e.note }))
  }
  const out: TimelineEntry[] = []
  for (const [field, status] of milestones) {
    const at = o[field as keyof typeof o] as string | null | undefined
    if (typeof at === 'string' && at) out.push({ at, status, rawStatus: '', source: { kind: '' }, note: '' })
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}

/**
 * The server writes event notes in English ("imported", "status changed from
 * paid", "SF SF123 (pattern mismatch accepted)", "corrected from A 1 to B 2");
 * known ones become a locale key with values, others stay as written.
 */
export function noteMessage(note: string): { key: string; named: Record<string, string> } | null {
  if (!note) return null
  if (note === 'imported') return { key: 'sales.detail.note.imported', named: {} }
  let m = /^status changed from (\w+)$/.exec(note)
  if (m) return { key: 'sales.detail.note.changedFrom', named: { status: m[1] } }
  const forced = note.endsWith(' (pattern mismatch accepted)')
  const core = forced ? note.slice(0, -' (pattern mismatch accepted)'.length) : note
  m = /^corrected from (.*) to (.+)$/.exec(core)
  if (m) return { key: forced ? 'sales.detail.note.correctedForced' : 'sales.detail.note.corrected', named: { from: m[1].trim() || '-', to: m[2] } }
  if (forced) return { key: 'sales.detail.note.shippedForced', named: { to: core } }
  m = /^([A-Z0-9]+) (\S+)$/.exec(note)
  if (m) return { key: 'sales.detail.note.shipped', named: { to: note } }
  return null
}
