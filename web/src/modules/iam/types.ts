// Identity and access: the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type Me = Schemas['Me']
export type MeUser = Schemas['MeUser']
export type MenuNode = Schemas['MenuItem']
export type LoginInput = Schemas['LoginInputBody']
export type PasswordInput = Schemas['PasswordRequest']
export type Role = Schemas['Role']
export type RoleInput = Schemas['RoleInput']
export type PermissionNode = Schemas['PermissionNode']
export type OnlineSession = Schemas['OnlineSession']
export type ApiToken = Schemas['Token']
export type ApiTokenInput = Schemas['CreateRequest']
export type ApiTokenCreated = Schemas['CreateResponse']

export const DATA_SCOPES = ['all', 'dept_and_below', 'dept', 'shops', 'self'] as const
export type DataScope = (typeof DATA_SCOPES)[number]

export type RoleQuery = QueryOf<'system.role.list'>
export type OnlineQuery = QueryOf<'system.online.list'>
