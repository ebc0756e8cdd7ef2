import { http, type Query } from '@/api/http'
import type { Sendable } from '@/api/types'
import { formData, upload } from '@/api/upload'
import type { Carrier, FileResult, QueueItem, QueueQuery, QueueSummary, ShipFileQuery, ShipInput, ShipResult, SummaryQuery } from './types'

export const fulfilmentPaths = {
  queue: '/fulfilment/queue',
  carriers: '/fulfilment/carriers',
}

export const queueApi = {
  list: (q: QueueQuery = {}) => http.page<QueueItem>(fulfilmentPaths.queue, q as Query),
  summary: (q: SummaryQuery = {}) => http.get<QueueSummary>(`${fulfilmentPaths.queue}/summary`, q as Query),
  carriers: () => http.page<Carrier>(fulfilmentPaths.carriers),
  ship: (orderId: number, body: Sendable<ShipInput>) => http.post<ShipResult>(`/fulfilment/orders/${orderId}/shipment`, body),
  shipFile: (file: File, q: ShipFileQuery) => upload<FileResult>('/fulfilment/shipments/file', formData(file), { query: q as Query }),
}
