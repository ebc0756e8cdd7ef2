// Sales entities: the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type Order = Schemas['SalesOrder']
export type OrderDetail = Schemas['SalesOrderDetail']
export type OrderLine = Schemas['SalesOrderLine']
export type OrderEvent = Schemas['SalesOrderEvent']
export type Receiver = Schemas['SalesReceiver']
export type Customer = Schemas['SalesCustomer']
export type Import = Schemas['SalesImport']
export type ImportErrorRow = Schemas['SalesImportErrorRow']
export type FileInfo = Schemas['SalesFileInfo']
export type Upload = Schemas['SalesUpload']
export type StartInput = Schemas['SalesStartInput']
export type Mapping = Schemas['SalesMapping']
export type MappingInput = Schemas['SalesMappingInput']
export type MappingTemplate = Schemas['SalesMappingTemplate']
export type TrafficDay = Schemas['SalesTrafficDay']

export type OrderQuery = QueryOf<'sales.order.list'>
export type CustomerQuery = QueryOf<'sales.customer.list'>
export type ImportQuery = QueryOf<'sales.import.list'>
export type TrafficQuery = QueryOf<'sales.traffic.list'>

export type OrderStatus = Order['status']
export type ImportStatus = Import['status']
