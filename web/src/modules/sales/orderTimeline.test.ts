import { describe, expect, it } from 'vitest'
import { orderTimeline, parseSource } from './orderTimeline'

const base = { ordered_at: '2026-11-01T01:00:00Z', paid_at: '2026-11-01T01:05:00Z', shipped_at: null, completed_at: null, closed_at: null }

describe('order timeline', () => {
  it('lists recorded events oldest first with their source', () => {
    const tl = orderTimeline({
      ...base,
      events: [
        { id: 2, order_id: 1, at: '2026-11-02T00:00:00Z', status: 'shipped', raw_status: '卖家已发货', source: 'user:3', note: '' },
        { id: 1, order_id: 1, at: '2026-11-01T01:05:00Z', status: 'paid', raw_status: '买家已付款', source: 'import:12', note: '' },
      ],
    })
    expect(tl.map((e) => e.status)).toEqual(['paid', 'shipped'])
    expect(tl[0].source).toEqual({ kind: 'import', id: 12 })
    expect(tl[1].source).toEqual({ kind: 'user', id: 3 })
  })

  it('falls back to the order times when no event was recorded', () => {
    const tl = orderTimeline({ ...base, events: [] })
    expect(tl.map((e) => e.status)).toEqual(['pending_payment', 'paid'])
  })

  it('keeps an unknown source as written', () => {
    expect(parseSource('cli')).toEqual({ kind: '', raw: 'cli' })
    expect(parseSource('')).toEqual({ kind: '', raw: undefined })
  })
})

describe('event notes', () => {
  it('translates the notes the server writes', async () => {
    const { noteMessage } = await import('./orderTimeline')
    expect(noteMessage('imported')).toEqual({ key: 'sales.detail.note.imported', named: {} })
    expect(noteMessage('status changed from paid')).toEqual({ key: 'sales.detail.note.changedFrom', named: { status: 'paid' } })
    expect(noteMessage('SF SF1234567890123')).toEqual({ key: 'sales.detail.note.shipped', named: { to: 'SF SF1234567890123' } })
    expect(noteMessage('ZTO 123 (pattern mismatch accepted)')).toEqual({ key: 'sales.detail.note.shippedForced', named: { to: 'ZTO 123' } })
    expect(noteMessage('corrected from SF SF1 to ZTO 731')).toEqual({ key: 'sales.detail.note.corrected', named: { from: 'SF SF1', to: 'ZTO 731' } })
    expect(noteMessage('something else entirely')).toBeNull()
    expect(noteMessage('')).toBeNull()
  })
})
