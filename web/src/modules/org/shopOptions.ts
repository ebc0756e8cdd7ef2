// Choices offered in the shop form when the server's dictionaries do not have them.
import type { DictItem } from '@/modules/system/types'

export const PLATFORMS = ['taobao', 'tmall', 'jd', 'pdd', 'douyin', 'kuaishou', 'other'] as const

export function platformFallback(t: (key: string) => string): DictItem[] {
  return PLATFORMS.map((p) => ({ value: p, label: t(`org.shop.platforms.${p}`) }))
}

export const CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR', 'JPY', 'GBP']

export const TIMEZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
]
