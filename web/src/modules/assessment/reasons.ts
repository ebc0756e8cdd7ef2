// Sentences the server sends as codes with params: why an exam cannot start
// (MyExam.reason_code, also the `reason` of a refused start) and the effect
// report's results-level explanations (message_code, caveat_code). The
// server's English text is only a fallback for a code this UI does not know.
import { formatParams, type Translate, type TranslateExists } from '@/api/errors'

type Params = Record<string, unknown> | null | undefined

/** Why a new attempt cannot start: problemReasons.<code> with its params (opens_at, closes_at, max_attempts). */
export function reasonText(code: string | null | undefined, params: Params, fallback: string, t: Translate, te: TranslateExists): string {
  if (code && te(`problemReasons.${code}`)) return t(`problemReasons.${code}`, formatParams(params ?? {}, t, te))
  return fallback ? t('assessment.my.reasons.other', { message: fallback }) : ''
}

/** A number of the report as the English sentence had it: 4 significant digits. */
function sig(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v ?? '-')
}

/**
 * A results-level sentence of the effect report (assessment.resultText.<code>):
 * estimates with their sign and 4 significant digits, the metric by its label.
 */
export function resultText(
  code: string | null | undefined,
  params: Params,
  fallback: string | null | undefined,
  t: Translate,
  te: TranslateExists,
  metricLabel: (m: string) => string = (m) => m,
): string {
  if (!code) return ''
  if (!te(`assessment.resultText.${code}`)) return fallback ? t('assessment.resultText.other', { message: fallback }) : ''
  const p = { ...(params ?? {}) }
  const named: Record<string, unknown> = { ...p }
  if (typeof p.metric === 'string') named.metric = metricLabel(p.metric)
  if (typeof p.estimate === 'number') named.estimate = (p.estimate > 0 ? '+' : '') + sig(p.estimate)
  for (const k of ['low', 'high']) if (k in p) named[k] = sig(p[k])
  return t(`assessment.resultText.${code}`, named)
}
