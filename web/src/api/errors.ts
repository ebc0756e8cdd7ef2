// Turns an API problem into what the user sees: a translated message for the
// toast and per-field messages for the form that sent the request.
import { ApiError, type ProblemFieldError } from './http'

export type Translate = (key: string, named?: Record<string, unknown>) => string
export type TranslateExists = (key: string) => boolean

/**
 * "body.name" -> "name", "body.items[2].qty" -> "items.2.qty", "query.page" -> "page".
 * A bare "body" (the whole body) gives "".
 */
export function fieldFromLocation(location: string | undefined): string {
  if (!location) return ''
  const path = location.replace(/^(body|query|path|header)\.?/, '')
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '')
}

/** Huma's English validation messages, recognised so the UI can say them in the user's language. */
const messagePatterns: Array<[RegExp, string, (m: RegExpExecArray) => Record<string, unknown>]> = [
  [/^expected required property (\S+) to be present/i, 'required', () => ({})],
  [/^expected (?:string )?length >= (\d+)/i, 'minLength', (m) => ({ n: m[1] })],
  [/^expected (?:string )?length <= (\d+)/i, 'maxLength', (m) => ({ n: m[1] })],
  [/^expected number >= (\S+)/i, 'min', (m) => ({ n: m[1] })],
  [/^expected number <= (\S+)/i, 'max', (m) => ({ n: m[1] })],
  [/^expected value to be one of "?([^"]*)"?/i, 'oneOf', (m) => ({ values: m[1] })],
  [/^expected string to be RFC 5322 email/i, 'email', () => ({})],
  [/^expected string to match pattern/i, 'pattern', () => ({})],
  [/^unexpected property/i, 'unknownField', () => ({})],
]

/** One field error in the user's language: by `code` if the locale knows it, else by known message, else as sent. */
export function fieldMessage(fe: ProblemFieldError, t: Translate, te: TranslateExists): string {
  if (fe.code && te(`fieldErrors.${fe.code}`)) return t(`fieldErrors.${fe.code}`)
  const msg = fe.message ?? ''
  for (const [re, key, named] of messagePatterns) {
    const m = re.exec(msg)
    if (m && te(`fieldErrors.${key}`)) return t(`fieldErrors.${key}`, named(m))
  }
  return msg || t('fieldErrors.invalid')
}

/**
 * Maps problem+json errors to form fields. Nested locations of a required
 * property ("body" + "expected required property name ...") land on that property.
 */
export function mapFieldErrors(err: unknown, t: Translate, te: TranslateExists): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError)) return out
  for (const fe of err.errors) {
    let field = fieldFromLocation(fe.location)
    const req = /^expected required property (\S+) to be present/i.exec(fe.message ?? '')
    if (req) field = field ? `${field}.${req[1]}` : req[1]
    if (!field) continue
    if (out[field]) continue
    out[field] = fieldMessage(fe, t, te)
  }
  return out
}

/** The message for a toast: a translation of the code if there is one, else the server's detail. */
export function errorMessage(err: unknown, t: Translate, te: TranslateExists): string {
  if (err instanceof ApiError) {
    if (err.code === 'invalid' && err.errors.length > 0) return t('errors.invalidFields')
    if (te(`errors.${err.code}`)) {
      const base = t(`errors.${err.code}`)
      // invalid/conflict details name the rule that was broken; keep them.
      if ((err.code === 'invalid' || err.code === 'conflict') && err.detail && !isGenericDetail(err.detail)) {
        return `${base}: ${err.detail}`
      }
      return base
    }
    return err.detail || t('errors.unknown')
  }
  if (err instanceof Error && err.message) return err.message
  return t('errors.unknown')
}

function isGenericDetail(detail: string): boolean {
  const d = detail.trim()
  // the stale-version conflict says no more than the translated message does
  if (/was changed by someone else/i.test(d)) return true
  return /^(validation failed|unprocessable entity|bad request|conflict|request body is invalid)\.?$/i.test(d)
}
