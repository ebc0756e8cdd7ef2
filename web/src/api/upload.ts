// Multipart uploads (course materials, attachments, spreadsheet imports) with
// upload progress. fetch() reports no upload progress, so this one call uses
// XMLHttpRequest; errors come back as the same ApiError as every other call.
import { ApiError, apiUrl, codeForStatus, type Problem, type Query } from './http'

export interface UploadOptions {
  query?: Query
  method?: 'POST' | 'PUT'
  /** Called with 0-100 while the body is sent. */
  onProgress?: (percent: number) => void
  signal?: AbortSignal
}

function parseProblem(text: string): Problem {
  if (!text) return {}
  try {
    const v = JSON.parse(text) as unknown
    return v && typeof v === 'object' ? (v as Problem) : { detail: text }
  } catch {
    return { detail: text.slice(0, 300) }
  }
}

/** Sends form (a file field plus plain fields) and answers the parsed JSON reply. */
export function upload<T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(opts.method ?? 'POST', apiUrl(path, opts.query))
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && opts.onProgress) opts.onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      const text = xhr.responseText
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((text ? JSON.parse(text) : undefined) as T)
        } catch {
          resolve(undefined as T)
        }
        return
      }
      const p = parseProblem(text)
      reject(new ApiError(xhr.status, { ...p, code: p.code || codeForStatus(xhr.status) }))
    }
    xhr.onerror = () => reject(new ApiError(0, { detail: 'network error', code: 'network' }))
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'))
    opts.signal?.addEventListener('abort', () => xhr.abort())
    xhr.send(form)
  })
}

/** A FormData from a file and plain fields (undefined and null left out). */
export function formData(file: File | Blob, fields: Record<string, string | number | boolean | null | undefined> = {}, name = 'file'): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null) continue
    fd.append(k, String(v))
  }
  fd.append(name, file)
  return fd
}
