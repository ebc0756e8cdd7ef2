// A small typed fetch client for the EcomOps JSON API (/api/v1, same origin,
// session cookie). Errors come back as RFC 9457 problem+json and are thrown as ApiError.
import type { Page } from './types'

export const API_BASE = '/api/v1'

/** One offending input: `code` and `params` say why (docs/API.md), `message` is the server's English. */
export interface ProblemFieldError {
  location?: string
  message?: string
  code?: string
  params?: Record<string, unknown>
  value?: unknown
}

export interface Problem {
  status?: number
  title?: string
  detail?: string
  code?: string
  /** Why a refusal that names no field happened, as a code the UI translates (problemReasons.<reason>). */
  reason?: string
  params?: Record<string, unknown>
  errors?: ProblemFieldError[]
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly reason: string
  readonly params: Record<string, unknown>
  readonly errors: ProblemFieldError[]

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = problem.code || codeForStatus(status)
    this.detail = problem.detail || problem.title || ''
    this.reason = problem.reason || ''
    this.params = problem.params && typeof problem.params === 'object' ? problem.params : {}
    this.errors = Array.isArray(problem.errors) ? problem.errors : []
  }
}

/** The error code the server would have used for a bare status. */
export function codeForStatus(status: number): string {
  if (status === 0) return 'network'
  if (status === 400 || status === 413 || status === 422) return 'invalid'
  if (status === 401) return 'unauthenticated'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 429) return 'too_many_requests'
  return 'internal'
}

export type QueryValue = string | number | boolean | null | undefined | Array<string | number>
export type Query = Record<string, QueryValue>

/** Builds a query string, leaving out empty values; arrays repeat the key. */
export function toQueryString(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      for (const v of value) params.append(key, String(v))
    } else {
      params.append(key, String(value))
    }
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

export function apiUrl(path: string, query?: Query): string {
  return `${API_BASE}${path}${toQueryString(query)}`
}

type UnauthenticatedHandler = (path: string) => void
let onUnauthenticated: UnauthenticatedHandler | null = null

/** Registers what happens when a request answers 401 (the router sends the user to the login page). */
export function setUnauthenticatedHandler(fn: UnauthenticatedHandler | null): void {
  onUnauthenticated = fn
}

let acceptLanguage = 'zh-CN'
export function setRequestLanguage(lang: string): void {
  acceptLanguage = lang
}
/** The UI's language as requests send it (Accept-Language): files the server writes follow it. */
export function requestLanguage(): string {
  return acceptLanguage
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
  /** Do not call the 401 handler (used by the login page and the first /auth/me). */
  quiet401?: boolean
}

export async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '')
  if (!text) return {}
  try {
    const parsed = JSON.parse(text) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as Problem) : { detail: text }
  } catch {
    return { detail: text.slice(0, 300) }
  }
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': acceptLanguage,
  }
  let body: BodyInit | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body, dropNulls)
  }
  let res: Response
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e
    throw new ApiError(0, { detail: (e as Error)?.message || 'network error', code: 'network' })
  }
  if (!res.ok) {
    const problem = await readProblem(res)
    const err = new ApiError(res.status, problem)
    if (res.status === 401 && !opts.quiet401 && onUnauthenticated) onUnauthenticated(path)
    throw err
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const http = {
  get: <T>(path: string, query?: Query, opts?: RequestOptions) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  del: <T = void>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
  page: <T>(path: string, query?: Query) => request<Page<T>>('GET', path, { query }),
}

/**
 * JSON replacer leaving out object properties whose value is null: the Go
 * side reads an absent optional field as nil, while huma may refuse null
 * where its schema has no "null" type.
 */
export function dropNulls(this: unknown, key: string, value: unknown): unknown {
  if (value === null && key !== '' && !Array.isArray(this)) return undefined
  return value
}
