// Dictionaries and settings: the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type DictType = Schemas['DictType']
export type DictTypeInput = Schemas['DictTypeInput']
export type DictData = Schemas['DictData']
export type DictDataInput = Schemas['DictDataInput']
export type Settings = Schemas['Settings']

/** One option of GET /system/dicts/{type}, or a built-in fallback option. */
export type DictItem = Pick<DictData, 'value' | 'label'> & Partial<Pick<DictData, 'label_en' | 'colour' | 'sort' | 'status'>>

export type DictTypeQuery = QueryOf<'system.dict_type.list'>
export type DictDataQuery = QueryOf<'system.dict_data.list'>
