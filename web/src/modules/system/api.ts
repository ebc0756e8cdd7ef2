import { http, type Query } from '@/api/http'
import type { Sendable } from '@/api/types'
import type {
  DictData,
  DictDataInput,
  DictDataQuery,
  DictItem,
  DictType,
  DictTypeInput,
  DictTypeQuery,
  Settings,
} from './types'

export const systemPaths = {
  dictTypes: '/system/dict-types',
  dictData: '/system/dict-data',
  settings: '/system/settings',
}

export const dictTypeApi = {
  list: (q: DictTypeQuery = {}) => http.page<DictType>(systemPaths.dictTypes, q as Query),
  create: (body: Sendable<DictTypeInput>) => http.post<DictType>(systemPaths.dictTypes, body),
  update: (id: number, body: Sendable<DictTypeInput>) => http.put<DictType>(`${systemPaths.dictTypes}/${id}`, body),
  remove: (id: number) => http.del(`${systemPaths.dictTypes}/${id}`),
}

export const dictDataApi = {
  list: (q: DictDataQuery = {}) => http.page<DictData>(systemPaths.dictData, q as Query),
  create: (body: Sendable<DictDataInput>) => http.post<DictData>(systemPaths.dictData, body),
  update: (id: number, body: Sendable<DictDataInput>) => http.put<DictData>(`${systemPaths.dictData}/${id}`, body),
  remove: (id: number) => http.del(`${systemPaths.dictData}/${id}`),
}

export const dictApi = {
  /** Options of one dictionary for selects; answers either a bare list or {items}. */
  options: (type: string) => http.get<{ items: DictItem[] | null }>(`/system/dicts/${encodeURIComponent(type)}`),
}

export const settingsApi = {
  get: () => http.get<Settings>(systemPaths.settings),
  update: (body: Settings) => http.put<Settings>(systemPaths.settings, body),
}
