import { http, type Query } from '@/api/http'
import type { Sendable } from '@/api/types'
import type {
  Department,
  DepartmentInput,
  DepartmentQuery,
  Employee,
  EmployeeInput,
  EmployeeLoginInput,
  EmployeeQuery,
  Position,
  PositionInput,
  PositionQuery,
  Shop,
  ShopInput,
  ShopQuery,
} from './types'

export const orgPaths = {
  departments: '/org/departments',
  positions: '/org/positions',
  employees: '/org/employees',
  shops: '/org/shops',
}

export const departmentApi = {
  list: (q: DepartmentQuery = {}) => http.page<Department>(orgPaths.departments, q as Query),
  create: (body: Sendable<DepartmentInput>) => http.post<Department>(orgPaths.departments, body),
  update: (id: number, body: Sendable<DepartmentInput>) => http.put<Department>(`${orgPaths.departments}/${id}`, body),
  remove: (id: number) => http.del(`${orgPaths.departments}/${id}`),
}

export const positionApi = {
  list: (q: PositionQuery = {}) => http.page<Position>(orgPaths.positions, q as Query),
  create: (body: Sendable<PositionInput>) => http.post<Position>(orgPaths.positions, body),
  update: (id: number, body: Sendable<PositionInput>) => http.put<Position>(`${orgPaths.positions}/${id}`, body),
  remove: (id: number) => http.del(`${orgPaths.positions}/${id}`),
}

export const employeeApi = {
  list: (q: EmployeeQuery = {}) => http.page<Employee>(orgPaths.employees, q as Query),
  get: (id: number) => http.get<Employee>(`${orgPaths.employees}/${id}`),
  create: (body: Sendable<EmployeeInput>) => http.post<Employee>(orgPaths.employees, body),
  update: (id: number, body: Sendable<EmployeeInput>) => http.put<Employee>(`${orgPaths.employees}/${id}`, body),
  remove: (id: number) => http.del(`${orgPaths.employees}/${id}`),
  setLogin: (id: number, body: Sendable<EmployeeLoginInput>) => http.put<Employee>(`${orgPaths.employees}/${id}/login`, body),
  /** The full phone number (pii:reveal; the server audits each call). */
  revealPhone: (id: number) => http.post<{ phone: string }>(`${orgPaths.employees}/${id}/reveal-phone`),
}

export const shopApi = {
  list: (q: ShopQuery = {}) => http.page<Shop>(orgPaths.shops, q as Query),
  get: (id: number) => http.get<Shop>(`${orgPaths.shops}/${id}`),
  create: (body: Sendable<ShopInput>) => http.post<Shop>(orgPaths.shops, body),
  update: (id: number, body: Sendable<ShopInput>) => http.put<Shop>(`${orgPaths.shops}/${id}`, body),
  remove: (id: number) => http.del(`${orgPaths.shops}/${id}`),
  setStaff: (id: number, employee_ids: number[]) => http.put<void>(`${orgPaths.shops}/${id}/staff`, { employee_ids }),
}
