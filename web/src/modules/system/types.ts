// Dictionaries and settings: the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type DictType = Schemas['SystemDictType']
export type DictTypeInput = Schemas['SystemDictTypeInput']
export type DictData = Schemas['SystemDictData']
export type DictDataInput = Schemas['SystemDictDataInput']
export type Settings = Schemas['SystemSettings']

/** One option of GET /system/dicts/{type}, or a built-in fallback option. */
export type DictItem = Pick<DictData, 'value' | 'label'> & Partial<Pick<DictData, 'label_en' | 'colour' | 'sort' | 'status'>>

export type DictTypeQuery = QueryOf<'system.dict_type.list'>
export type DictDataQuery = QueryOf<'system.dict_data.list'>
