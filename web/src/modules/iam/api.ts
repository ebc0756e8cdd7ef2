import { http, type Query } from '@/api/http'
import type { Sendable } from '@/api/types'
import type {
  ApiToken,
  ApiTokenCreated,
  ApiTokenInput,
  LoginInput,
  Me,
  OnlineQuery,
  OnlineSession,
  PasswordInput,
  PermissionNode,
  Role,
  RoleInput,
  RoleQuery,
} from './types'

export const iamPaths = {
  roles: '/system/roles',
  permissions: '/system/permissions',
  online: '/system/online',
  tokens: '/auth/tokens',
}

export const authApi = {
  login: (body: LoginInput) => http.post<unknown>('/auth/login', body, { quiet401: true }),
  logout: () => http.post<void>('/auth/logout', undefined, { quiet401: true }),
  me: () => http.get<Me>('/auth/me', undefined, { quiet401: true }),
  changePassword: (body: PasswordInput) => http.post<void>('/auth/password', body),
}

export const tokenApi = {
  list: () => http.page<ApiToken>(iamPaths.tokens),
  create: (body: ApiTokenInput) => http.post<ApiTokenCreated>(iamPaths.tokens, body),
  revoke: (id: number) => http.del(`${iamPaths.tokens}/${id}`),
}

export const roleApi = {
  list: (q: RoleQuery = {}) => http.page<Role>(iamPaths.roles, q as Query),
  get: (id: number) => http.get<Role>(`${iamPaths.roles}/${id}`),
  create: (body: Sendable<RoleInput>) => http.post<Role>(iamPaths.roles, body),
  update: (id: number, body: Sendable<RoleInput>) => http.put<Role>(`${iamPaths.roles}/${id}`, body),
  remove: (id: number) => http.del(`${iamPaths.roles}/${id}`),
  permissions: () => http.get<{ items: PermissionNode[] | null }>(iamPaths.permissions),
}

export const onlineApi = {
  list: (q: OnlineQuery = {}) => http.page<OnlineSession>(iamPaths.online, q as Query),
  kick: (key: string) => http.del(`${iamPaths.online}/${encodeURIComponent(key)}`),
}
