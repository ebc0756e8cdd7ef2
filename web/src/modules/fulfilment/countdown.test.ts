import { describe, expect, it } from 'vitest'
import { countdown, deadlineState, minutesLeft } from './countdown'

describe('ship-by countdown', () => {
  const now = Date.parse('2026-11-30T10:00:00Z')
  it('counts minutes to the deadline', () => {
    expect(minutesLeft('2026-11-30T12:30:00Z', now)).toBe(150)
    expect(minutesLeft('2026-11-30T09:59:30Z', now)).toBe(-1)
    expect(minutesLeft(null, now)).toBeNull()
  })
  it('splits into days, hours and minutes', () => {
    expect(countdown(150)).toEqual({ minutes: 150, days: 0, hours: 2, mins: 30, overdue: false })
    expect(countdown(-(1440 + 61))).toEqual({ minutes: -1501, days: 1, hours: 1, mins: 1, overdue: true })
  })
  it('tells overdue and due soon like the server', () => {
    expect(deadlineState(-1, 6)).toBe('overdue')
    expect(deadlineState(0, 6)).toBe('due_soon') // the deadline instant itself is still on time
    expect(deadlineState(359, 6)).toBe('due_soon')
    expect(deadlineState(360, 6)).toBe('on_time')
    expect(deadlineState(null, 6)).toBe('unknown')
  })
})
