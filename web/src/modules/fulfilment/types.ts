// Fulfilment (order processing queue): the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type QueueItem = Schemas['FulfilmentQueueItem']
export type QueueSummary = Schemas['FulfilmentQueueSummary']
export type ShopQueue = Schemas['FulfilmentShopQueue']
export type Carrier = Schemas['FulfilmentCarrier']
export type ShipInput = Schemas['FulfilmentShipInput']
export type ShipResult = Schemas['FulfilmentShipResult']
export type FileResult = Schemas['FulfilmentFileResult']
export type RowIssue = Schemas['FulfilmentRowIssue']

export type QueueQuery = QueryOf<'fulfilment.queue.list'>
export type SummaryQuery = QueryOf<'fulfilment.queue.summary'>
export type ShipFileQuery = QueryOf<'fulfilment.shipment.file'>
