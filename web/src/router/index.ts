import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { setUnauthenticatedHandler } from '@/api/http'
import { t } from '@/locales'
import { useAuthStore } from '@/stores/auth'
import { useTagsStore } from '@/stores/tags'
import { flattenPages } from './menu'
import { pageTable } from './table'

declare module 'vue-router' {
  interface RouteMeta {
    titleKey?: string
    perm?: string
    icon?: string
    affix?: boolean
    bare?: boolean
    public?: boolean
    /** Title keys of the menu groups above the page (breadcrumb). */
    trail?: string[]
  }
}

const flatPages = flattenPages(pageTable)
const toRoute = ({ page, parents }: (typeof flatPages)[number]): RouteRecordRaw => ({
  path: page.path,
  name: page.name,
  component: page.component!,
  // vue-router iterates `alias` whenever the key exists
  ...(page.alias ? { alias: page.alias } : {}),
  meta: {
    titleKey: page.titleKey,
    // a page is as restricted as the strictest entry above it
    perm: page.perm ?? [...parents].reverse().find((p) => p.perm)?.perm,
    icon: page.icon,
    affix: page.affix,
    bare: page.bare,
    trail: parents.map((p) => p.titleKey),
  },
})
const pageRoutes: RouteRecordRaw[] = flatPages.filter(({ page }) => !page.bare).map(toRoute)
// bare pages sign in and check permissions like the others, outside the frame
const barePageRoutes: RouteRecordRaw[] = flatPages.filter(({ page }) => page.bare).map(toRoute)

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/modules/auth/LoginPage.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  ...barePageRoutes,
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    redirect: '/home',
    children: [
      ...pageRoutes,
      {
        path: '/403',
        name: 'forbidden',
        component: () => import('@/modules/home/ForbiddenPage.vue'),
        meta: { titleKey: 'errorPage.forbiddenTitle' },
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/modules/home/NotFoundPage.vue'),
        meta: { titleKey: 'errorPage.notFoundTitle' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.checked) {
    try {
      await auth.load()
    } catch {
      auth.clear() // server unreachable: the login page will say so when used
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && auth.loggedIn) return safeRedirect(to.query.redirect) ?? '/home'
    return true
  }
  if (!auth.loggedIn) return { name: 'login', query: to.fullPath !== '/home' ? { redirect: to.fullPath } : {} }
  if (auth.me?.user.must_change_password && to.name !== 'password') return { name: 'password' }
  if (to.meta.perm && !auth.can(to.meta.perm)) return { name: 'forbidden' }
  return true
})

router.afterEach((to) => {
  const title = to.meta.titleKey ? t(to.meta.titleKey) : ''
  document.title = title ? `${title} - EcomOps` : 'EcomOps'
})

/** Only same-app paths are followed after login (no open redirects). */
export function safeRedirect(value: unknown): string | undefined {
  const s = Array.isArray(value) ? value[0] : value
  if (typeof s !== 'string') return undefined
  if (!s.startsWith('/') || s.startsWith('//') || s.startsWith('/\\')) return undefined
  return s
}

setUnauthenticatedHandler(() => {
  const auth = useAuthStore()
  const wasIn = auth.loggedIn
  auth.clear()
  useTagsStore().reset()
  const current = router.currentRoute.value
  if (wasIn && !current.meta.public) {
    void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
  }
})
