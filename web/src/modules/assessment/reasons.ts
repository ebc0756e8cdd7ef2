// The server explains in English why an exam cannot start now; the UI says
// it in the user's language when it recognises the sentence.
import { formatDateTime } from '@/composables/format'

type T = (key: string, named?: Record<string, unknown>) => string

const patterns: Array<[RegExp, string, (m: RegExpExecArray) => Record<string, unknown>]> = [
  [/attempt is in progress/i, 'assessment.my.reasons.inProgress', () => ({})],
  [/not published/i, 'assessment.my.reasons.notPublished', () => ({})],
  [/opens at (\S+)/i, 'assessment.my.reasons.opensAt', (m) => ({ at: formatDateTime(m[1]).slice(0, 16) })],
  [/closed at (\S+)/i, 'assessment.my.reasons.closedAt', (m) => ({ at: formatDateTime(m[1]).slice(0, 16) })],
  [/is closed/i, 'assessment.my.reasons.closed', () => ({})],
  [/audience/i, 'assessment.my.reasons.audience', () => ({})],
  [/no attempts left|used all/i, 'assessment.my.reasons.noAttempts', () => ({})],
]

export function reasonText(reason: string, t: T): string {
  for (const [re, key, named] of patterns) {
    const m = re.exec(reason)
    if (m) return t(key, named(m))
  }
  return reason
}
