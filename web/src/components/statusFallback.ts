// Status options used when the server has no dictionary for them yet.
import type { DictItem } from '@/modules/system/types'

type T = (key: string) => string

export function statusFallback(t: T): DictItem[] {
  return [
    { value: 'active', label: t('status.active'), colour: 'success' },
    { value: 'disabled', label: t('status.disabled'), colour: 'info' },
  ]
}

export function employeeStatusFallback(t: T): DictItem[] {
  return [
    { value: 'active', label: t('status.employed'), colour: 'success' },
    { value: 'probation', label: t('status.probation'), colour: 'warning' },
    { value: 'leave', label: t('status.leave'), colour: 'info' },
    { value: 'left', label: t('status.left'), colour: 'info' },
  ]
}
