import { http, type Query } from '@/api/http'
import type { PageQuery, Sendable } from '@/api/types'
import { upload } from '@/api/upload'
import type {
  Customer,
  CustomerQuery,
  FileInfo,
  Import,
  ImportErrorRow,
  ImportQuery,
  MappingInput,
  MappingTemplate,
  Order,
  OrderDetail,
  OrderQuery,
  Receiver,
  StartInput,
  TrafficDay,
  TrafficQuery,
  Upload,
} from './types'

export const salesPaths = {
  orders: '/sales/orders',
  customers: '/sales/customers',
  imports: '/sales/imports',
  uploads: '/sales/uploads',
  mappings: '/sales/import-mappings',
  traffic: '/sales/traffic',
}

export const orderApi = {
  /** Besides the typed filters the list takes the dashboard's drill parameters (shop_ids, refunded, ...). */
  list: (q: OrderQuery & Query = {}) => http.page<Order>(salesPaths.orders, q as Query),
  get: (id: number) => http.get<OrderDetail>(`${salesPaths.orders}/${id}`),
  /** The receiver in full (pii:reveal; the server audits each call). */
  revealReceiver: (id: number) => http.post<Receiver>(`${salesPaths.orders}/${id}/reveal-receiver`),
}

export const customerApi = {
  list: (q: CustomerQuery = {}) => http.page<Customer>(salesPaths.customers, q as Query),
  reveal: (id: number) => http.post<Receiver>(`${salesPaths.customers}/${id}/reveal`),
}

export const importApi = {
  /** Stores the files (multipart field `files`) and answers a token for detect and start. */
  upload: (files: File[], onProgress?: (percent: number) => void) => {
    const fd = new FormData()
    for (const f of files) fd.append('files', f, f.name)
    return upload<Upload>(salesPaths.uploads, fd, { onProgress })
  },
  detect: (token: string, q: { format?: string; mapping_id?: number } = {}) =>
    http.page<FileInfo>(`${salesPaths.uploads}/${token}/detect`, q as Query),
  start: (body: Sendable<StartInput>) => http.post<Import>(salesPaths.imports, body),
  list: (q: ImportQuery = {}) => http.page<Import>(salesPaths.imports, q as Query),
  get: (id: number) => http.get<Import>(`${salesPaths.imports}/${id}`),
  errors: (id: number, q: PageQuery = {}) => http.page<ImportErrorRow>(`${salesPaths.imports}/${id}/errors`, q as Query),
  errorReportPath: (id: number) => `${salesPaths.imports}/${id}/errors/export`,
}

export const mappingApi = {
  list: () => http.page<MappingTemplate>(salesPaths.mappings),
  create: (body: Sendable<MappingInput>) => http.post<MappingTemplate>(salesPaths.mappings, body),
  update: (id: number, body: Sendable<MappingInput>) => http.put<MappingTemplate>(`${salesPaths.mappings}/${id}`, body),
  remove: (id: number) => http.del(`${salesPaths.mappings}/${id}`),
}

export const trafficApi = {
  list: (q: TrafficQuery & Query = {}) => http.page<TrafficDay>(salesPaths.traffic, q as Query),
}
