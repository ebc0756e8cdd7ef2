// Display formats for values the API sends (RFC 3339 instants, business dates).

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** "2026-11-03T08:05:09Z" -> "2026-11-03 16:05:09" in the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** Minor units (fen) as yuan with two decimals and thousands separators: 123456 -> "1,234.56". */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const neg = fen < 0
  const abs = Math.abs(Math.round(fen))
  const yuan = Math.floor(abs / 100).toLocaleString('en-US')
  return `${neg ? '-' : ''}${yuan}.${pad(abs % 100)}`
}

/** Yuan typed in a form to fen (two decimals kept exactly). */
export function yuanToFen(yuan: number | null | undefined): number {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return 0
  return Math.round(yuan * 100)
}

/** A ratio 0-1 as a percentage with one decimal ("83.3%"); empty for null. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return ''
  return `${(value * 100).toFixed(digits)}%`
}

/** Tenths of an hour (学时) as "1.5". */
export function formatTenths(tenths: number | null | undefined): string {
  if (tenths === null || tenths === undefined) return ''
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1)
}

/** "2026-11-03T08:05:09Z" -> "2026-11-03 16:05" (minutes only). */
export function formatMinute(value: string | null | undefined): string {
  return formatDateTime(value).slice(0, 16)
}

/** Today's date in the browser's time zone, YYYY-MM-DD. */
export function todayISO(): string {
  const d = new Date()
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Large money for cards: "¥1,234.56" below 10 000 yuan, then 万/亿 (zh) or k/M (en). */
export function formatFenShort(fen: number | null | undefined, locale: string): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return ''
  const yuan = Math.abs(fen) / 100
  const sign = fen < 0 ? '-' : ''
  if (locale === 'en') {
    if (yuan >= 1e6) return `${sign}¥${(yuan / 1e6).toFixed(2)}M`
    if (yuan >= 1e4) return `${sign}¥${(yuan / 1e3).toFixed(1)}k`
  } else {
    if (yuan >= 1e8) return `${sign}¥${(yuan / 1e8).toFixed(2)}亿`
    if (yuan >= 1e4) return `${sign}¥${(yuan / 1e4).toFixed(2)}万`
  }
  return `${sign}¥${formatFen(Math.abs(fen))}`
}

/** A count with thousands separators; null -> "". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return ''
  return Math.round(n).toLocaleString('en-US')
}

/** A date as the API's business date "YYYY-MM-DD" in the browser's time zone. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
