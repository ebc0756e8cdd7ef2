// Turns an API problem into what the user sees: a translated message for the
// toast and per-field messages for the form that sent the request. Every
// field error carries a machine `code` with `params` (docs/API.md, "Field
// error codes"); the server's English `message` is for API users and is
// shown only in English, for the generic code "invalid".
import { formatMinute } from '@/composables/format'
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

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/**
 * Params as the sentences show them: lists joined in the user's language,
 * instants in local time, `format` names translated (fieldFormats.<name>).
 */
export function formatParams(params: Record<string, unknown> | undefined, t: Translate, te: TranslateExists): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(params ?? {})) {
    if (Array.isArray(v)) out[k] = v.map(String).join(t('fieldErrors.listSeparator'))
    else if (typeof v === 'string' && isoInstant.test(v)) out[k] = formatMinute(v)
    else if (k === 'format' && typeof v === 'string' && te(`fieldFormats.${v.replace(/-/g, '_')}`)) out[k] = t(`fieldFormats.${v.replace(/-/g, '_')}`)
    else out[k] = v
  }
  return out
}

/** The locale key of a code with these params (a range with one bound has its own sentence). */
function keyOf(code: string, params: Record<string, unknown>): string {
  if (code === 'out_of_range') {
    const has = (k: string) => params[k] !== undefined && params[k] !== null
    if (has('gt')) return 'out_of_range_gt'
    if (has('lt')) return 'out_of_range_lt'
    if (has('min') && !has('max')) return 'out_of_range_min'
    if (has('max') && !has('min')) return 'out_of_range_max'
  }
  if (code === 'not_unique' && params.value !== undefined && params.value !== null) return 'not_unique_value'
  if (code === 'too_many_decimals' && params.max !== undefined && params.max !== null) return 'too_many_decimals_max'
  return code
}

/** One field error in the user's language, by its code and params. */
export function fieldMessage(fe: ProblemFieldError, t: Translate, te: TranslateExists): string {
  const params = fe.params ?? {}
  const code = fe.code && te(`fieldErrors.${keyOf(fe.code, params)}`) ? fe.code : 'invalid'
  const named = { ...formatParams(params, t, te), message: fe.message ?? '' }
  let text = t(`fieldErrors.${keyOf(code, params)}`, named).trim()
  if (!text) text = t('fieldErrors.invalidFallback')
  // "item 3 of a list": a blank, a level, a lecturer line
  if (typeof params.item === 'number' && te('fieldErrors.itemPrefix')) text = `${t('fieldErrors.itemPrefix', { item: params.item })}${text}`
  return text
}

/** A row error of an import or a shipping file: its code (and params) with the English reason. */
export interface CodedRow {
  code?: string | null
  params?: Record<string, unknown> | null
  reason?: string | null
}

/**
 * A row error in the user's language: a field error code (fieldErrors.<code>)
 * or, for a row refused as a whole, a refusal reason (problemReasons.<code>);
 * an unknown or missing code reads as `invalid` (the English reason in en).
 */
export function rowMessage(row: CodedRow, t: Translate, te: TranslateExists): string {
  const code = row.code ?? ''
  const params = row.params ?? {}
  if (code && !te(`fieldErrors.${keyOf(code, params)}`) && te(`problemReasons.${code}`)) return t(`problemReasons.${code}`, formatParams(params, t, te))
  return fieldMessage({ code: code || 'invalid', params, message: row.reason ?? '' }, t, te)
}

/**
 * Maps problem+json errors to form fields. A missing property is reported
 * by huma on the object holding it ("body" + params.property): it lands on
 * that property.
 */
export function mapFieldErrors(err: unknown, t: Translate, te: TranslateExists): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError)) return out
  for (const fe of err.errors) {
    let field = fieldFromLocation(fe.location)
    const prop = fe.code === 'required' ? fe.params?.property : undefined
    if (typeof prop === 'string' && prop) field = field ? `${field}.${prop}` : prop
    if (!field) continue
    if (out[field]) continue
    out[field] = fieldMessage(fe, t, te)
  }
  return out
}

export interface ErrorMessageOptions {
  /** The field errors are shown on the form's fields: the toast only points there. */
  fieldsShown?: boolean
}

/**
 * The message for a toast: the translated reason of a refusal, the
 * translated field errors, or a translation of the problem's code.
 */
export function errorMessage(err: unknown, t: Translate, te: TranslateExists, opts: ErrorMessageOptions = {}): string {
  if (err instanceof ApiError) {
    if (err.reason && te(`problemReasons.${err.reason}`)) return t(`problemReasons.${err.reason}`, formatParams(err.params, t, te))
    if (err.code === 'invalid' && err.errors.length > 0) {
      if (opts.fieldsShown) return t('errors.invalidFields')
      const reasons = [...new Set(err.errors.map((fe) => fieldMessage(fe, t, te)))].slice(0, 3)
      return t('errors.invalidWith', { reasons: reasons.join(t('fieldErrors.sentenceSeparator')) })
    }
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
