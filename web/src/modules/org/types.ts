// Organisation entities: the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type Department = Schemas['OrgDepartment']
export type DepartmentInput = Schemas['OrgDepartmentInput']
export type Position = Schemas['OrgPosition']
export type PositionInput = Schemas['OrgPositionInput']
export type Employee = Schemas['OrgEmployee']
export type EmployeeInput = Schemas['OrgEmployeeInput']
export type EmployeeLoginInput = Schemas['OrgLoginInput']
export type Shop = Schemas['OrgShop']
export type ShopInput = Schemas['OrgShopInput']

export type DepartmentQuery = QueryOf<'org.department.list'>
export type PositionQuery = QueryOf<'org.position.list'>
export type EmployeeQuery = QueryOf<'org.employee.list'>
export type ShopQuery = QueryOf<'org.shop.list'>
