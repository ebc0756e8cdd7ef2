// Identity and access: the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type Me = Schemas['IamMe']
export type MeUser = Schemas['IamMeUser']
export type MenuNode = Schemas['IamMenuItem']
export type LoginInput = Schemas['LoginInputBody']
export type PasswordInput = Schemas['PasswordRequest']
export type Role = Schemas['IamRole']
export type RoleInput = Schemas['IamRoleInput']
export type PermissionNode = Schemas['IamPermissionNode']
export type OnlineSession = Schemas['IamOnlineSession']
export type ApiToken = Schemas['IamToken']
export type ApiTokenInput = Schemas['CreateRequest']
export type ApiTokenCreated = Schemas['CreateResponse']

export const DATA_SCOPES = ['all', 'dept_and_below', 'dept', 'shops', 'self'] as const
export type DataScope = (typeof DATA_SCOPES)[number]

export type RoleQuery = QueryOf<'system.role.list'>
export type OnlineQuery = QueryOf<'system.online.list'>
