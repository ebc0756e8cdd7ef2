// UI preferences: sidebar state and language (both kept in localStorage).
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { setRequestLanguage } from '@/api/http'
import { i18n, initialLocale, LOCALE_KEY, type Locale } from '@/locales'

const SIDEBAR_KEY = 'ecomops.sidebarCollapsed'

function readBool(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1'
  } catch {
    return false
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    /* storage unavailable: the choice lasts for this page only */
  }
}

export const useAppStore = defineStore('app', () => {
  const collapsed = ref(readBool(SIDEBAR_KEY))
  const locale = ref<Locale>(initialLocale())

  function toggleSidebar(): void {
    collapsed.value = !collapsed.value
    write(SIDEBAR_KEY, collapsed.value ? '1' : '0')
  }

  function setLocale(next: Locale): void {
    locale.value = next
    i18n.global.locale.value = next
    write(LOCALE_KEY, next)
    applyLocale(next)
  }

  applyLocale(locale.value)
  return { collapsed, locale, toggleSidebar, setLocale }
})

function applyLocale(l: Locale): void {
  document.documentElement.lang = l
  setRequestLanguage(l)
}
