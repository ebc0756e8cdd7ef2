// Downloads a server-generated file (list exports) with the session cookie,
// naming it from Content-Disposition. The UI's language goes along as
// Accept-Language: workbooks written for people (error reports, effect
// reports) are in it.
import { ApiError, apiUrl, readProblem, requestLanguage, type Query } from './http'

/** Reads the file name from a Content-Disposition header (RFC 6266, RFC 5987 filename*). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  if (plain) return (plain[2] ?? plain[1]).trim()
  return fallback
}

export async function downloadFile(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  let res: Response
  try {
    res = await fetch(apiUrl(path, query), { credentials: 'same-origin', headers: { 'Accept-Language': requestLanguage() } })
  } catch (e) {
    throw new ApiError(0, { detail: (e as Error)?.message, code: 'network' })
  }
  if (!res.ok) throw new ApiError(res.status, await readProblem(res))
  const blob = await res.blob()
  const name = filenameFromDisposition(res.headers.get('Content-Disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}
