import { http, type Query } from '@/api/http'
import type { LoginLog, LoginQuery, OperationLog, OperationQuery } from './types'

export const auditPaths = {
  operations: '/audit/operations',
  logins: '/audit/logins',
}

export const auditApi = {
  operations: (q: OperationQuery = {}) => http.page<OperationLog>(auditPaths.operations, q as Query),
  operation: (id: number) => http.get<OperationLog>(`${auditPaths.operations}/${id}`),
  logins: (q: LoginQuery = {}) => http.page<LoginLog>(auditPaths.logins, q as Query),
}
