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

const resultPatterns: Array<[RegExp, string, (m: RegExpExecArray) => Record<string, unknown>]> = [
  [/not available in this installation/i, 'assessment.resultText.unavailable', () => ({})],
  [/no completed session yet/i, 'assessment.resultText.noSession', () => ({})],
  [/too early to conclude: the period after the session runs until (\S+?)\.?$/i, 'assessment.resultText.tooEarly', (m) => ({ date: m[1] })],
  [/weighted by trained shops over (\d+) session/i, 'assessment.resultText.weighted', (m) => ({ n: m[1] })],
  [/no session has enough shops in both groups/i, 'assessment.resultText.pooledTooLittle', () => ({})],
  [
    /too little data to conclude: (\d+) trained and (\d+) comparison shops have (\S+) in both periods; at least (\d+)/i,
    'assessment.resultText.tooLittle',
    (m) => ({ trained: m[1], comparison: m[2], min: m[4] }),
  ],
  [/changed by (\S+) more than the comparison shops' \(95% interval (\S+) to (\S+)\)/i, 'assessment.resultText.changed', (m) => ({ est: m[1], low: m[2], high: m[3] })],
  [/no clear difference: the estimate (\S+) lies in a 95% interval \((\S+) to (\S+)\)/i, 'assessment.resultText.noClear', (m) => ({ est: m[1], low: m[2], high: m[3] })],
  [/^observational comparison/i, 'assessment.resultText.caveat', () => ({})],
]

/** The effect report's explanations (results level) in the user's language when recognised. */
export function resultText(message: string | null | undefined, t: T): string {
  if (!message) return ''
  for (const [re, key, named] of resultPatterns) {
    const m = re.exec(message)
    if (m) return t(key, named(m))
  }
  return message
}
