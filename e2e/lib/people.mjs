// Helpers for stories with several people at once: a browser profile per
// person (desktop or phone), signed in through the login page, and an API
// session for the set-up steps a story does not test.
import { chromiumArgs } from './browser.mjs'
import { DEMO_PASSWORD } from './env.mjs'
import { byTestId } from './ui.mjs'

export const PHONE = { width: 390, height: 844 }

/**
 * A fresh profile in the given language; `phone` gives an iPhone-sized touch
 * viewport. Collects script errors and, when `record` is set, every JSON body
 * the API answers (for checks on what reached the browser).
 */
export async function personPage(browser, { locale = 'zh-CN', phone = false, record = false } = {}) {
  const context = await browser.newContext({
    viewport: phone ? PHONE : { width: 1440, height: 900 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale,
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  })
  context.setDefaultTimeout(20_000)
  // the UI's language comes from localStorage (zh-CN by default)
  await context.addInitScript((l) => {
    if (!localStorage.getItem('ecomops.locale')) localStorage.setItem('ecomops.locale', l)
  }, locale)
  const page = await context.newPage()
  const problems = []
  const bodies = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`)
  })
  if (record) {
    page.on('response', async (res) => {
      if (!res.url().includes('/api/') || !(res.headers()['content-type'] ?? '').includes('json')) return
      try {
        bodies.push({ url: res.url(), body: await res.json() })
      } catch {
        /* a body that is gone (navigation) */
      }
    })
  }
  return { context, page, problems, bodies }
}

/** Signs in through the login page and waits to leave it. */
export async function signIn(page, url, username, password = DEMO_PASSWORD) {
  if (!page.url().includes('/login')) await page.goto(`${url}/login`)
  await byTestId(page, 'login-username').fill(username)
  await byTestId(page, 'login-password').fill(password)
  await byTestId(page, 'login-submit').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

/** An API session (cookie) of a demo user for set-up steps. */
export async function apiAs(browser, url, username) {
  const context = await browser.newContext()
  const res = await context.request.post(`${url}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } })
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()}`)
  const call = async (method, path, data) => {
    const r = await context.request.fetch(`${url}/api/v1${path}`, { method, data })
    const text = await r.text()
    if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
  return {
    context,
    get: (path) => call('GET', path),
    post: (path, data) => call('POST', path, data ?? {}),
    put: (path, data) => call('PUT', path, data),
    close: () => context.close(),
  }
}

/** Waits until no table or card shows its loading mask. */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'))
}

/** Clicks the primary button of the visible message box (confirm / prompt). */
export async function confirmBox(page, text) {
  const box = page.locator('.el-message-box:visible')
  await box.waitFor()
  if (text !== undefined) await box.locator('textarea, input').first().fill(text)
  await box.locator('.el-button--primary').click()
}

/** Sets an Element Plus date-time picker to now with its own "Now" button. */
export async function pickNow(page, testId) {
  await page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first().click()
  const panel = page.locator('.el-picker-panel:visible').last()
  await panel.locator('.el-picker-panel__footer .el-button').first().click() // 此刻 / Now
  const ok = panel.locator('.el-picker-panel__footer .el-button--primary, .el-picker-panel__footer .is-plain')
  if (await panel.isVisible()) await ok.last().click().catch(() => {})
}
