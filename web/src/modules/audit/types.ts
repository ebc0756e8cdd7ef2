// Operation and login logs (read-only).
import type { PageQuery } from '@/api/types'

export interface OperationLog {
  id: number
  at: string
  user_id: number | null
  username: string
  action: string
  entity: string
  entity_id: string
  /** JSON text of the entity before / after the change ('' when none). */
  before: string
  after: string
  method: string
  path: string
  ip: string
  user_agent: string
  result: string
  error: string
  duration_ms: number
}

export interface LoginLog {
  id: number
  at: string
  username: string
  user_id: number | null
  ip: string
  user_agent: string
  success: boolean
  reason: string
}

export interface OperationQuery extends PageQuery {
  username?: string
  action?: string
  entity?: string
  result?: string
  from?: string
  to?: string
}

export interface LoginQuery extends PageQuery {
  username?: string
  ip?: string
  success?: 'true' | 'false' | ''
  from?: string
  to?: string
}
