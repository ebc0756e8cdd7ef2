// The time left to a ship-by deadline, as the queue shows it.

export interface Countdown {
  /** Whole minutes left; negative when overdue. */
  minutes: number
  days: number
  hours: number
  mins: number
  overdue: boolean
}

/** Minutes from now until the deadline (rounded down; a passed deadline is negative). */
export function minutesLeft(shipBy: string | null | undefined, now: number): number | null {
  if (!shipBy) return null
  const at = Date.parse(shipBy)
  if (Number.isNaN(at)) return null
  return Math.floor((at - now) / 60_000)
}

export function countdown(minutes: number): Countdown {
  const overdue = minutes < 0
  const abs = Math.abs(minutes)
  return { minutes, days: Math.floor(abs / 1440), hours: Math.floor((abs % 1440) / 60), mins: abs % 60, overdue }
}

/** The deadline's state the same way the server computes it (half-open intervals). */
export function deadlineState(minutes: number | null, soonHours: number): 'overdue' | 'due_soon' | 'on_time' | 'unknown' {
  if (minutes === null) return 'unknown'
  if (minutes < 0) return 'overdue'
  if (minutes < soonHours * 60) return 'due_soon'
  return 'on_time'
}
