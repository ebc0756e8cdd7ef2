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

/** Below this width (phones) the sidebar is an overlay, closed by default. */
const MOBILE_WIDTH = 768

function narrow(): boolean {
  return typeof window !== 'undefined' && window.innerWidth < MOBILE_WIDTH
}

export const useAppStore = defineStore('app', () => {
  const mobile = ref(narrow())
  const collapsed = ref(mobile.value || readBool(SIDEBAR_KEY))
  const locale = ref<Locale>(initialLocale())

  function toggleSidebar(): void {
    collapsed.value = !collapsed.value
    if (!mobile.value) write(SIDEBAR_KEY, collapsed.value ? '1' : '0')
  }

  /** Closes the overlay sidebar on phones (after picking a page). */
  function closeMobileSidebar(): void {
    if (mobile.value) collapsed.value = true
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('resize', () => {
      const now = narrow()
      if (now === mobile.value) return
      mobile.value = now
      collapsed.value = now || readBool(SIDEBAR_KEY)
    })
  }

  function setLocale(next: Locale): void {
    locale.value = next
    i18n.global.locale.value = next
    write(LOCALE_KEY, next)
    applyLocale(next)
  }

  applyLocale(locale.value)
  return { collapsed, mobile, locale, toggleSidebar, closeMobileSidebar, setLocale }
})

function applyLocale(l: Locale): void {
  document.documentElement.lang = l
  setRequestLanguage(l)
}
