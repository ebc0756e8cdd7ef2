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
