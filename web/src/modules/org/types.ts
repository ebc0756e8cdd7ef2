// Organisation entities as the API answers them (columns of the foundation
// migration; replaced by the generated schema once the server publishes it).
import type { PageQuery, Versioned } from '@/api/types'

export interface Department extends Versioned {
  parent_id: number | null
  name: string
  code: string
  leader_id: number | null
  sort: number
  status: string
}
export type DepartmentInput = Pick<Department, 'parent_id' | 'name' | 'code' | 'leader_id' | 'sort' | 'status'> & {
  version?: number
}

export interface Position extends Versioned {
  code: string
  name: string
  name_en: string
  description: string
  sort: number
  status: string
}
export type PositionInput = Pick<Position, 'code' | 'name' | 'name_en' | 'description' | 'sort' | 'status'> & {
  version?: number
}

export interface Employee extends Versioned {
  employee_no: string
  name: string
  phone: string
  email: string
  department_id: number
  department_name?: string
  position_id: number | null
  position_name?: string
  manager_id: number | null
  manager_name?: string
  hire_date: string
  status: string
  user_id: number | null
  username?: string
  login_enabled?: boolean
  role_ids?: number[]
}
export type EmployeeInput = Pick<
  Employee,
  'employee_no' | 'name' | 'phone' | 'email' | 'department_id' | 'position_id' | 'manager_id' | 'hire_date' | 'status'
> & { version?: number }

export interface EmployeeQuery extends PageQuery {
  department_id?: number
  position_id?: number
  status?: string
}

export interface EmployeeLoginInput {
  username: string
  password?: string
  role_ids: number[]
  enabled: boolean
}

export interface Shop extends Versioned {
  code: string
  platform: string
  name: string
  positioning: string
  currency: string
  timezone: string
  ship_within_hours?: number
  status: string
  /** Employee ids of the assigned staff. */
  staff_ids?: number[] | null
}
export type ShopInput = Pick<Shop, 'code' | 'platform' | 'name' | 'positioning' | 'currency' | 'timezone' | 'status'> & {
  version?: number
}

export interface ShopQuery extends PageQuery {
  platform?: string
  status?: string
}
