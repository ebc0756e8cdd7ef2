// Identity and access entities (users, roles, sessions, API tokens).
import type { PageQuery, Versioned } from '@/api/types'

export interface MeUser {
  id: number
  username: string
  name: string
  is_admin: boolean
  employee_id: number | null
  must_change_password: boolean
}

export interface MenuNode {
  key: string
  path?: string
  children?: MenuNode[]
}

export interface Me {
  user: MeUser
  roles: string[]
  permissions: string[]
  data_scope?: string
  menus?: MenuNode[]
}

export interface LoginInput {
  username: string
  password: string
}

export interface PasswordInput {
  old_password: string
  new_password: string
}

export const DATA_SCOPES = ['all', 'dept_and_below', 'dept', 'shops', 'self'] as const
export type DataScope = (typeof DATA_SCOPES)[number]

export interface Role extends Versioned {
  code: string
  name: string
  name_en?: string
  data_scope: DataScope | string
  builtin?: boolean
  sort?: number
  remark?: string
  permissions: string[] | null
}
export interface RoleInput {
  code: string
  name: string
  name_en?: string
  data_scope: string
  sort?: number
  remark?: string
  permissions: string[]
  version?: number
}

/** One node of GET /system/permissions: a group (module / entity) or a permission leaf. */
export interface PermissionNode {
  key?: string
  code?: string
  permission?: string
  name?: string
  label?: string
  name_en?: string
  label_en?: string
  children?: PermissionNode[] | null
}

export interface OnlineSession {
  key: string
  user_id: number
  username: string
  name?: string
  ip: string
  user_agent: string
  created_at: string
  last_seen_at: string
  expires_at: string
  current?: boolean
}

export interface ApiToken {
  id: number
  name: string
  prefix: string
  created_at: string
  last_used_at: string | null
  expires_at: string | null
  revoked_at: string | null
}
export interface ApiTokenInput {
  name: string
  expires_days?: number
}
export interface ApiTokenCreated {
  token: string
  id?: number
  name?: string
  expires_at?: string | null
}

export type RoleQuery = PageQuery
export type OnlineQuery = PageQuery
