// Operation and login logs (read-only): the generated OpenAPI types.
import type { QueryOf, Schemas } from '@/api/types'

/** before/after hold the entity as JSON text ('' when none). */
export type OperationLog = Schemas['TrailRow']
export type LoginLog = Schemas['IamLoginEvent']

export type OperationQuery = QueryOf<'audit.operation.list'>
export type LoginQuery = QueryOf<'audit.login.list'>
