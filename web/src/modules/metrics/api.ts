import { http, type Query } from '@/api/http'
import type { Dashboard, Metric, TopSku } from './types'

export const metricsPaths = {
  dashboard: '/metrics/dashboard',
  topSkus: '/metrics/top-skus',
  definitions: '/metrics/definitions',
}

/** The dashboard filter: business dates (inclusive), shops (comma-separated ids), platform. */
export interface KpiFilter {
  from: string
  to: string
  shop_ids?: string
  platform?: string
}

export const metricsApi = {
  dashboard: (f: KpiFilter) => http.get<Dashboard>(metricsPaths.dashboard, f as unknown as Query),
  topSkus: (f: KpiFilter, limit = 10) => http.page<TopSku>(metricsPaths.topSkus, { ...f, limit } as unknown as Query),
  definitions: () => http.page<Metric>(metricsPaths.definitions),
  exportPath: `${metricsPaths.dashboard}/export`,
}
