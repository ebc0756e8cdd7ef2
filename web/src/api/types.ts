// Shapes shared by every module, derived from the generated OpenAPI schema
// (src/api/schema.d.ts, `npm run gen:api`).
import type { components, operations } from './schema'

export type Schemas = components['schemas']

/** The query parameters of one operation (by operationId). */
export type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>

/** Every list endpoint answers {items, total}. */
export interface Page<T> {
  items: T[] | null
  total: number
}

export interface PageQuery {
  page?: number
  page_size?: number
  sort?: string
  q?: string
}

/**
 * A request body as the UI sends it: optional fields may also be null, which
 * the client leaves out (the Go side reads an absent field as nil).
 */
export type Sendable<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] }

/** A form model: every field present, optional ones nullable. */
export type FormModel<T> = { [K in keyof T]-?: undefined extends T[K] ? Exclude<T[K], undefined> | null : T[K] }
