// Organisation entities: the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type Department = Schemas['Department']
export type DepartmentInput = Schemas['DepartmentInput']
export type Position = Schemas['Position']
export type PositionInput = Schemas['PositionInput']
export type Employee = Schemas['Employee']
export type EmployeeInput = Schemas['EmployeeInput']
export type EmployeeLoginInput = Schemas['LoginInput']
export type Shop = Schemas['Shop']
export type ShopInput = Schemas['ShopInput']

export type DepartmentQuery = QueryOf<'org.department.list'>
export type PositionQuery = QueryOf<'org.position.list'>
export type EmployeeQuery = QueryOf<'org.employee.list'>
export type ShopQuery = QueryOf<'org.shop.list'>
