// Dictionaries and settings.
import type { PageQuery, Versioned } from '@/api/types'

export interface DictType extends Versioned {
  type: string
  name: string
  name_en: string
  builtin?: boolean
  status: string
  remark: string
}
export type DictTypeInput = Pick<DictType, 'type' | 'name' | 'name_en' | 'status' | 'remark'> & { version?: number }

export interface DictData extends Versioned {
  type: string
  value: string
  label: string
  label_en: string
  colour: string
  sort: number
  status: string
}
export type DictDataInput = Pick<DictData, 'type' | 'value' | 'label' | 'label_en' | 'colour' | 'sort' | 'status'> & {
  version?: number
}

/** One option of GET /system/dicts/{type} (for selects and tags). */
export interface DictItem {
  value: string
  label: string
  label_en?: string
  colour?: string
  sort?: number
  status?: string
}

export interface Settings {
  company_name: string
  timezone: string
  currency: string
  fiscal_year_start_month: number
  session_idle_minutes: number
  session_absolute_hours: number
  version?: number
}

export type DictTypeQuery = PageQuery & { status?: string }
export type DictDataQuery = PageQuery & { type?: string; status?: string }
