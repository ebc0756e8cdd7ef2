// The browser story of issue 2: sign in in Chinese, switch to English, create
// a department and an employee with a login and a role, export a list, save a
// screenshot of every main page, sign out, and sign in as the new employee to
// see only the menus that role allows.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { launchBrowser, newPage } from '../lib/browser.mjs'
import { DEMO_PASSWORD, missingPrerequisite, requireAll } from '../lib/env.mjs'
import { startServer } from '../lib/server.mjs'
import { byTestId, expectToast, login, openFresh, openMenu, pickOption, pickTreeOption, screenshot, visibleDialog } from '../lib/ui.mjs'

const missing = missingPrerequisite()
if (missing && !requireAll) console.log(`# browser tests skipped: ${missing}`)

// Every page of the sidebar with the permission that shows it (mirrors web/src/router/table.ts).
const PAGES = [
  ['org', 'departments', 'org:department:read'],
  ['org', 'positions', 'org:position:read'],
  ['org', 'employees', 'org:employee:read'],
  ['org', 'shops', 'org:shop:read'],
  ['system', 'roles', 'iam:role:read'],
  ['system', 'dicts', 'system:dict:read'],
  ['system', 'settings', 'system:setting:read'],
  ['system', 'online', 'iam:session:read'],
  ['audit', 'operations', 'audit:operation:read'],
  ['audit', 'logins', 'audit:login:read'],
]

const suffix = Date.now().toString(36).slice(-5)
const dept = `E2E测试组${suffix}`
const PARENT_DEPT = '运营部'
const employee = { name: `测试员${suffix}`, no: `E2E${suffix}`.toUpperCase() }
const account = { username: `e2e_${suffix}`, password: 'Spring-Lake-Harbor-2026' }
const ROLE_CODE = 'ops'

async function menuTestIds(page) {
  return page.$$eval('[data-testid="sidebar"] [data-testid^="menu-"]', (els) =>
    els.map((e) => e.getAttribute('data-testid').slice('menu-'.length)),
  )
}

async function waitTableLoaded(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'))
}

describe('EcomOps web UI', { skip: missing && !requireAll ? missing : false }, () => {
  let server
  let browser
  let admin // { page, context, problems }
  let role

  before(async () => {
    if (missing) throw new Error(`browser tests required (ECOMOPS_TEST_REQUIRE_ALL=1) but ${missing}`)
    server = await startServer()
    browser = await launchBrowser()
    admin = await newPage(browser)
  })

  after(async () => {
    await browser?.close().catch(() => {})
    await server?.stop()
  })

  it('signs in in Chinese', async () => {
    const { page } = admin
    await page.goto(server.url)
    await page.waitForURL(/\/login/)
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN')
    assert.equal(await page.locator('.login-title').innerText(), '电商运营与培训管理系统')
    await screenshot(page, '01-login')

    // a wrong password is refused with a Chinese message
    await login(page, server.url, 'admin', 'not-the-password')
    await byTestId(page, 'login-error').waitFor()
    assert.match(await byTestId(page, 'login-error').innerText(), /用户名或密码错误/)

    await login(page, server.url, 'admin', DEMO_PASSWORD)
    await byTestId(page, 'welcome-name').waitFor()
    assert.match(await byTestId(page, 'welcome-name').innerText(), /系统管理员/)
    assert.match(await byTestId(page, 'sidebar').innerText(), /组织管理/)
    await screenshot(page, '02-home')
  })

  it('switches to English and keeps the choice after a reload', async () => {
    const { page } = admin
    await byTestId(page, 'lang-switch').click()
    await byTestId(page, 'lang-en').click()
    await page.locator('[data-testid="sidebar"]', { hasText: 'Organisation' }).waitFor()
    assert.equal(await page.getAttribute('html', 'lang'), 'en')
    await page.reload()
    await page.locator('[data-testid="sidebar"]', { hasText: 'Organisation' }).waitFor()
    assert.match(await byTestId(page, 'breadcrumb').innerText(), /Home/)
  })

  it('creates a department (and shows the server refusing a duplicate on the field)', async () => {
    const { page } = admin
    await openMenu(page, 'org', 'departments')
    await waitTableLoaded(page)
    await byTestId(page, 'btn-add').click()
    let dialog = await visibleDialog(page, 'dialog-department')

    // client-side validation first
    await dialog.locator('[data-testid="dialog-save"]').click()
    await dialog.locator('.el-form-item__error', { hasText: 'This field is required' }).waitFor()

    await pickTreeOption(page, 'field-parent', PARENT_DEPT)
    await byTestId(page, 'field-name').fill(dept)
    await byTestId(page, 'field-code').fill(`E2E-${suffix}`)
    await dialog.locator('[data-testid="dialog-save"]').click()
    await expectToast(page)
    await byTestId(page, 'table-departments').locator('td', { hasText: dept }).waitFor()

    // the same name again: the server's field error lands under the name field
    await byTestId(page, 'btn-add').click()
    dialog = await visibleDialog(page, 'dialog-department')
    await pickTreeOption(page, 'field-parent', PARENT_DEPT)
    await byTestId(page, 'field-name').fill(dept)
    await dialog.locator('[data-testid="dialog-save"]').click()
    await dialog.locator('.el-form-item__error', { hasText: 'already exists' }).waitFor()
    await screenshot(page, '03-department-field-error')
    await dialog.locator('.el-dialog__headerbtn').click()
  })

  it('creates an employee with a login and a role', async () => {
    const { page } = admin
    const roles = await (await page.request.get(`${server.url}/api/v1/system/roles?page_size=500`)).json()
    role = roles.items.find((r) => r.code === ROLE_CODE)
    assert.ok(role, `seed role ${ROLE_CODE} exists`)

    await openFresh(page, server.url, '/org/employees', 'employees')
    await waitTableLoaded(page)
    await byTestId(page, 'btn-add').click()
    const dialog = await visibleDialog(page, 'dialog-employee')
    await byTestId(page, 'field-name').fill(employee.name)
    await byTestId(page, 'field-employee-no').fill(employee.no)
    await pickTreeOption(page, 'field-department', dept)
    await screenshot(page, '04-employee-dialog-en')
    await dialog.locator('[data-testid="dialog-save"]').click()
    await expectToast(page)

    await byTestId(page, 'search-q').fill(employee.no)
    await byTestId(page, 'btn-search').click()
    await byTestId(page, 'table-employees').locator('td', { hasText: employee.no }).waitFor()
    await byTestId(page, `btn-login-${employee.no}`).click()
    const loginDialog = await visibleDialog(page, 'dialog-employee-login')
    await byTestId(page, 'login-field-username').fill(account.username)
    await byTestId(page, 'login-field-password').fill(account.password)
    await pickOption(page, 'login-field-roles', role.name_en || role.name)
    await loginDialog.locator('.el-dialog__title').click() // close the select's popper
    await loginDialog.locator('[data-testid="dialog-login-save"]').click()
    await expectToast(page)
    await byTestId(page, 'table-employees').locator('td', { hasText: account.username }).waitFor()
  })

  it('exports the employee list as a real XLSX file', async () => {
    const { page } = admin
    await openFresh(page, server.url, '/org/employees', 'employees')
    await waitTableLoaded(page)
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'btn-export').click()])
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const bytes = readFileSync(await download.path())
    assert.ok(bytes.length > 100, 'the file has content')
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'XLSX is a zip archive')
  })

  it('saves a screenshot of every main page (Chinese)', async () => {
    const { page, problems } = admin
    await openFresh(page, server.url, '/home', 'home')
    await byTestId(page, 'lang-switch').click()
    await byTestId(page, 'lang-zh-CN').click()
    await page.locator('[data-testid="sidebar"]', { hasText: '组织管理' }).waitFor()
    let n = 10
    for (const [group, name] of PAGES) {
      await openMenu(page, group, name)
      await waitTableLoaded(page)
      await screenshot(page, `${n++}-${name}`)
      if (name === 'roles') {
        // the role dialog with its permission tree
        await byTestId(page, 'table-roles').locator('.el-button', { hasText: '修改' }).first().click()
        const dialog = await visibleDialog(page, 'dialog-role')
        await byTestId(page, 'role-perm-tree').locator('.el-tree-node__expand-icon').first().click()
        await screenshot(page, `${n++}-role-dialog`)
        await dialog.locator('.el-dialog__headerbtn').click()
      }
      if (name === 'operations') {
        // before/after of the department created above
        await byTestId(page, 'btn-op-detail').first().click()
        const dialog = await visibleDialog(page, 'dialog-op-detail')
        await screenshot(page, `${n++}-operation-detail`)
        await dialog.locator('.el-dialog__headerbtn').click()
      }
    }
    await page.goto(`${server.url}/profile/tokens`)
    await byTestId(page, 'page-tokens').waitFor()
    await screenshot(page, `${n++}-tokens`)
    await page.goto(`${server.url}/profile/password`)
    await byTestId(page, 'page-password').waitFor()
    await screenshot(page, `${n++}-password`)
    assert.deepEqual(problems, [], 'no script errors on any page')
  })

  it('signs out', async () => {
    const { page } = admin
    await openFresh(page, server.url, '/home', 'home')
    await byTestId(page, 'user-menu').click()
    await byTestId(page, 'user-logout').click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.waitForURL(/\/login/)
    const me = await page.request.get(`${server.url}/api/v1/auth/me`)
    assert.equal(me.status(), 401, 'the session is gone')
  })

  it('the new employee sees only the menus the role allows', async () => {
    const user = await newPage(browser)
    const { page } = user
    try {
      await login(page, server.url, account.username, account.password)
      await page.waitForURL(/\/(home|profile\/password)/)
      if (page.url().includes('/profile/password')) {
        // an administrator-set password must be changed first
        const next = `${account.password}-2`
        await page.locator('input[autocomplete="current-password"]').fill(account.password)
        await page.locator('input[autocomplete="new-password"]').nth(0).fill(next)
        await page.locator('input[autocomplete="new-password"]').nth(1).fill(next)
        await page.locator('[data-testid="page-password"] button[type="submit"]').click()
        await page.waitForURL(/\/home/)
      }
      await byTestId(page, 'welcome-name').waitFor()
      assert.match(await byTestId(page, 'welcome-name').innerText(), new RegExp(employee.name))

      const granted = new Set(role.permissions ?? [])
      const expectedPages = PAGES.filter(([, , perm]) => granted.has(perm)).map(([, name]) => name)
      const expectedGroups = [...new Set(PAGES.filter(([, , perm]) => granted.has(perm)).map(([group]) => group))]
      const shown = await menuTestIds(page)
      const foundation = new Set(['home', ...PAGES.flatMap(([group, name]) => [group, name])])
      assert.deepEqual(shown.filter((k) => foundation.has(k)).sort(), ['home', ...expectedGroups, ...expectedPages].sort())

      // the server's own menu for this user agrees on the pages this suite knows
      // (later modules add their own pages and suites)
      const known = new Set(['home', ...PAGES.flatMap(([group, name]) => [group, name])])
      const me = await (await page.request.get(`${server.url}/api/v1/auth/me`)).json()
      const serverKeys = me.menus.flatMap((m) => [m.key, ...(m.children ?? []).map((c) => c.key)])
      assert.deepEqual(serverKeys.filter((k) => known.has(k)).sort(), shown.filter((k) => known.has(k)).sort())

      // a page outside the role is refused even by its address
      await page.goto(`${server.url}/system/roles`)
      await byTestId(page, 'page-forbidden').waitFor()
      await screenshot(page, '30-limited-user-forbidden')

      await byTestId(page, 'user-menu').click()
      await byTestId(page, 'user-logout').click()
      await page.locator('.el-message-box .el-button--primary').click()
      await page.waitForURL(/\/login/)
      assert.deepEqual(user.problems, [], 'no script errors')
    } finally {
      await user.context.close()
    }
  })
})
