// vue-i18n setup: zh-CN is the default, the choice persists in localStorage.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import { messages } from './messages'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const LOCALE_KEY = 'ecomops.locale'

export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY)
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale
  } catch {
    /* storage unavailable */
  }
  return 'zh-CN'
}

export type MessageSchema = typeof zhCN

const longDate = { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' } as const

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: messages as { 'zh-CN': MessageSchema; en: MessageSchema },
  datetimeFormats: {
    'zh-CN': { long: longDate },
    en: { long: longDate },
  },
  missingWarn: false,
  fallbackWarn: false,
})

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

export const t = (key: string, named?: Record<string, unknown>): string =>
  named ? i18n.global.t(key, named) : i18n.global.t(key)
export const te = (key: string): boolean => i18n.global.te(key)
