// The browser story of issue 3: upload a Taobao classic export pair (GBK CSVs
// made by the project's generator, e2e/fixtures) in the UI, watch the
// progress bar reach the end, see the dashboard figures of that period
// change, click a figure and land on exactly its orders — in Chinese and in
// English — then ship an order from the processing queue. Screenshots of
// every new page go to e2e/artifacts/.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { launchBrowser, newPage } from '../lib/browser.mjs'
import { DEMO_PASSWORD, e2eDir, missingPrerequisite, requireAll } from '../lib/env.mjs'
import { startServer } from '../lib/server.mjs'
import { byTestId, expectToast, login, openFresh, openMenu, pickOption, screenshot, visibleDialog } from '../lib/ui.mjs'

const missing = missingPrerequisite()
if (missing && !requireAll) console.log(`# browser tests skipped: ${missing}`)

// The fixture's orders were created 2024-06-01..2024-06-14, before the demo's 12 months.
const FROM = '2024-06-01'
const TO = '2024-06-14'
const FILES = [join(e2eDir, 'fixtures', 'ExportOrderList202406.csv'), join(e2eDir, 'fixtures', 'ExportOrderDetailList202406.csv')]
const SHOP = 'TM01'

async function waitLoaded(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'))
}

/** A KPI card's full value ("1,234", "¥1,234.56") once the dashboard has loaded. */
async function kpi(page, id) {
  const el = byTestId(page, `kpi-${id}`)
  await el.waitFor()
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() !== '…', `[data-testid="kpi-${id}"]`)
  return el.getAttribute('data-value')
}

const count = (s) => Number(String(s).replace(/[^\d]/g, ''))

/** Switches the UI language unless it is already the one wanted. */
async function useLanguage(page, lang) {
  if ((await page.getAttribute('html', 'lang')) === lang) return
  await byTestId(page, 'lang-switch').click()
  await byTestId(page, `lang-${lang}`).click()
  await page.waitForFunction((l) => document.documentElement.lang === l, lang)
}

async function openDashboard(page, url) {
  await page.goto(`${url}/home?from=${FROM}&to=${TO}`)
  await byTestId(page, 'widget-kpi-dashboard').waitFor()
  await waitLoaded(page)
}

/** Uploads the pair on the orders tab, checks the detection, imports and waits for the end. */
async function importPair(page, { expectDetected }) {
  const wizard = byTestId(page, 'import-wizard-orders')
  await wizard.locator('[data-testid="upload-orders"] input[type=file]').setInputFiles(FILES)
  await pickOption(page, 'import-shop-orders', SHOP)
  await wizard.locator('[data-testid="btn-detect"]').click()
  await byTestId(page, 'detected-taobao_orders').waitFor()
  await byTestId(page, 'detected-taobao_items').waitFor()
  for (const [kind, text] of Object.entries(expectDetected)) {
    assert.match(await byTestId(page, `detected-${kind}`).innerText(), text)
  }
  return wizard
}

async function startAndFinish(page, wizard) {
  await wizard.locator('[data-testid="btn-start-import"]').click()
  await byTestId(page, 'import-result').waitFor({ timeout: 60_000 })
  const bar = byTestId(page, 'import-progress-bar')
  assert.equal(await bar.getAttribute('data-percent'), '100')
  assert.equal(await bar.getAttribute('aria-valuenow'), '100')
}

describe('EcomOps sales UI', { skip: missing && !requireAll ? missing : false }, () => {
  let server
  let browser
  let admin
  let paidOrders = 0

  before(async () => {
    if (missing) throw new Error(`browser tests required (ECOMOPS_TEST_REQUIRE_ALL=1) but ${missing}`)
    server = await startServer()
    browser = await launchBrowser()
    admin = await newPage(browser)
    await login(admin.page, server.url, 'admin', DEMO_PASSWORD)
    await byTestId(admin.page, 'welcome-name').waitFor()
  })

  after(async () => {
    await browser?.close().catch(() => {})
    await server?.stop()
  })

  it('uploads a Taobao export pair in Chinese and watches the import reach the end', async () => {
    const { page } = admin
    await useLanguage(page, 'zh-CN')
    // nothing was paid in the fixture's fortnight before the import
    await openDashboard(page, server.url)
    assert.equal(count(await kpi(page, 'paid_orders')), 0)
    assert.equal(await kpi(page, 'gmv'), '¥0.00')

    await openMenu(page, 'sales', 'imports')
    const wizard = await importPair(page, {
      expectDetected: { taobao_orders: /订单报表[\s\S]*第 1 行/, taobao_items: /宝贝报表/ },
    })
    await screenshot(page, '40-import-detected')
    await startAndFinish(page, wizard)
    assert.match(await byTestId(page, 'import-result').innerText(), /导入完成/)
    assert.equal(count(await byTestId(page, 'import-count-inserted').innerText()), 40)
    assert.equal(count(await byTestId(page, 'import-count-rejected').innerText()), 0)
    await screenshot(page, '41-import-result')
  })

  it('shows the imported orders on the dashboard and opens exactly those orders from a figure', async () => {
    const { page } = admin
    await openDashboard(page, server.url)
    paidOrders = count(await kpi(page, 'paid_orders'))
    assert.ok(paidOrders > 0 && paidOrders <= 40, `paid orders after the import: ${paidOrders}`)
    assert.notEqual(await kpi(page, 'gmv'), '¥0.00')
    await screenshot(page, '42-dashboard')

    await byTestId(page, 'kpi-paid_orders').click()
    await page.waitForURL(/\/sales\/orders\?/)
    assert.match(page.url(), new RegExp(`paid_from=${FROM}&paid_to=${TO}`))
    await byTestId(page, 'page-orders').waitFor()
    await waitLoaded(page)
    assert.equal(count(await byTestId(page, 'orders-total').innerText()), paidOrders)
    // the paid-date filter from the drill-down is in the search form
    assert.equal(await page.locator('[data-testid="search-paid"] input').first().inputValue(), FROM)
    await screenshot(page, '43-orders-drill')

    await byTestId(page, 'table-orders').locator('.el-table__row .el-link').first().click()
    await byTestId(page, 'page-order-detail').waitFor()
    await byTestId(page, 'order-timeline').waitFor()
    assert.match(await byTestId(page, 'order-header').innerText(), /优选家居天猫旗舰店/)
    // receivers stay masked until an audited reveal
    assert.match(await byTestId(page, 'order-receiver').innerText(), /\*/)
    await screenshot(page, '44-order-detail')
    await byTestId(page, 'btn-reveal').click()
    await page.waitForFunction(() => !document.querySelector('[data-testid="order-receiver"]')?.textContent?.includes('*'))
  })

  it('does the same in English: the import again changes nothing, the figures lead to their orders', async () => {
    const { page } = admin
    await page.goto(`${server.url}/sales/imports`)
    await useLanguage(page, 'en')
    await page.locator('[data-testid="sidebar"]', { hasText: 'Sales' }).waitFor()
    const wizard = await importPair(page, { expectDetected: { taobao_orders: /order report[\s\S]*row 1/, taobao_items: /item report/ } })
    await startAndFinish(page, wizard)
    assert.match(await byTestId(page, 'import-result').innerText(), /Import completed/)
    assert.equal(count(await byTestId(page, 'import-count-inserted').innerText()), 0)
    assert.equal(count(await byTestId(page, 'import-count-unchanged').innerText()), 40)
    await screenshot(page, '45-import-result-en')

    await openDashboard(page, server.url)
    assert.match(await byTestId(page, 'kpi-card-paid_orders').innerText(), /Paid orders/)
    assert.equal(count(await kpi(page, 'paid_orders')), paidOrders, 're-importing the same files changes nothing')
    await screenshot(page, '46-dashboard-en')

    // GMV is made of the same orders
    await byTestId(page, 'kpi-gmv').click()
    await page.waitForURL(/\/sales\/orders\?/)
    await waitLoaded(page)
    assert.match(await byTestId(page, 'orders-total').innerText(), new RegExp(`^${paidOrders} orders$`))
    await screenshot(page, '47-orders-drill-en')

    // a shop row of the dashboard leads to that shop's orders
    await openDashboard(page, server.url)
    await byTestId(page, `shop-orders-${SHOP}`).click()
    await page.waitForURL(/\/sales\/orders\?/)
    await waitLoaded(page)
    assert.match(await byTestId(page, 'orders-total').innerText(), new RegExp(`^${paidOrders} orders$`))
  })

  it('reports bad rows with their spreadsheet row numbers and an XLSX error report', async () => {
    const { page } = admin
    // the order report again, as UTF-8, with an unreadable paid amount on rows 3 and 6
    const text = new TextDecoder('gbk').decode(readFileSync(FILES[0]))
    const lines = text.split('\r\n')
    const paidCol = lines[0].split(',').indexOf('买家实际支付金额')
    for (const i of [2, 5]) {
      const cells = lines[i].split(',')
      cells[paidCol] = '约三十元'
      lines[i] = cells.join(',')
    }
    const bad = join(tmpdir(), `ExportOrderList-bad-${Date.now()}.csv`)
    writeFileSync(bad, '\uFEFF' + lines.join('\r\n'))

    await openFresh(page, server.url, '/sales/imports', 'imports')
    await useLanguage(page, 'zh-CN')
    const wizard = byTestId(page, 'import-wizard-orders')
    await wizard.locator('[data-testid="upload-orders"] input[type=file]').setInputFiles(bad)
    await pickOption(page, 'import-shop-orders', SHOP)
    await wizard.locator('[data-testid="btn-detect"]').click()
    await byTestId(page, 'detected-taobao_orders').waitFor()
    // the item report is missing: the page says what that means
    await wizard.locator('.el-alert--warning', { hasText: '宝贝报表' }).waitFor()
    await startAndFinish(page, wizard)
    assert.match(await byTestId(page, 'import-result').innerText(), /部分行有错误/)
    assert.equal(count(await byTestId(page, 'import-count-rejected').innerText()), 2)
    const errors = byTestId(page, 'table-import-errors')
    await errors.locator('.el-table__row').nth(1).waitFor()
    const rows = await errors.locator('.el-table__row').allInnerTexts()
    assert.match(rows[0], /\b3\b[\s\S]*买家实际支付金额[\s\S]*约三十元/)
    assert.match(rows[1], /\b6\b/)
    await screenshot(page, '48-import-errors')
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'btn-error-report').click()])
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    assert.equal(readFileSync(await download.path()).subarray(0, 2).toString(), 'PK')
  })

  it('highlights overdue orders once a shop promises faster shipping', async () => {
    const { page } = admin
    // PDD01 promises 24 h instead of 48: its orders paid more than a day ago are overdue
    const api = `${server.url}/api/v1/org/shops`
    const shop = (await (await page.request.get(`${api}?q=PDD01`)).json()).items.find((s) => s.code === 'PDD01')
    const { id, created_at, updated_at, staff_ids, ...body } = shop
    const res = await page.request.put(`${api}/${id}`, { data: { ...body, ship_within_hours: 24 } })
    assert.equal(res.status(), 200, await res.text())

    await openFresh(page, server.url, '/fulfilment/queue', 'queue')
    await useLanguage(page, 'zh-CN')
    await waitLoaded(page)
    assert.ok(count(await byTestId(page, 'queue-overdue').innerText()) > 0, 'overdue orders after the shorter promise')
    await byTestId(page, 'table-queue').locator('.el-table__row.row-overdue').first().waitFor()
    assert.match(await byTestId(page, 'table-queue').locator('.el-table__row.row-overdue [data-testid="countdown"]').first().innerText(), /超时/)
    await screenshot(page, '50-queue')
    await byTestId(page, 'queue-overdue').click()
    await waitLoaded(page)
    assert.equal(await byTestId(page, 'table-queue').locator('.el-table__row:not(.row-overdue)').count(), 0)
  })

  it('ships one order from the processing queue, confirming a tracking number of an unusual shape', async () => {
    const { page } = admin
    await openFresh(page, server.url, '/fulfilment/queue', 'queue')
    await useLanguage(page, 'zh-CN')
    await waitLoaded(page)
    const waitingBefore = count(await byTestId(page, 'queue-waiting').innerText())
    assert.ok(waitingBefore > 0, 'the demo has paid orders awaiting shipment')

    const shipButton = byTestId(page, 'table-queue').locator('[data-testid^="btn-ship-"]').first()
    const orderNo = (await shipButton.getAttribute('data-testid')).slice('btn-ship-'.length)
    await shipButton.click()
    const dialog = await visibleDialog(page, 'dialog-ship')
    await pickOption(page, 'field-carrier', '顺丰速运')
    await byTestId(page, 'field-tracking-no').fill('ZX12345678')
    await byTestId(page, 'tracking-hint').waitFor()
    await dialog.locator('[data-testid="btn-ship"]').click()
    // the server refuses the unusual number but lets the user confirm it
    await byTestId(page, 'ship-force').waitFor()
    await screenshot(page, '51-ship-force')
    await dialog.locator('[data-testid="btn-ship-force"]').click()
    await expectToast(page)
    await dialog.waitFor({ state: 'hidden' })
    await waitLoaded(page)
    await page.waitForFunction(
      ([sel, n]) => Number(document.querySelector(sel)?.textContent?.replace(/[^\d]/g, '')) === n,
      ['[data-testid="queue-waiting"] strong', waitingBefore - 1],
    )

    // the order left the queue and its timeline says it shipped
    await byTestId(page, 'queue-order-no').fill(orderNo)
    await byTestId(page, 'btn-search').click()
    await waitLoaded(page)
    assert.equal(await byTestId(page, 'table-queue').locator('.el-table__row').count(), 0)
    await page.goto(`${server.url}/sales/orders?order_no=${orderNo}`)
    await waitLoaded(page)
    await byTestId(page, 'table-orders').locator('.el-table__row .el-link').first().click()
    await byTestId(page, 'order-timeline').waitFor()
    assert.match(await byTestId(page, 'order-timeline').innerText(), /已发货/)
    assert.match(await byTestId(page, 'order-header').innerText(), /ZX12345678/)
  })

  it('checks a shipping file before shipping it (dry run with per-row errors)', async () => {
    const { page } = admin
    await openFresh(page, server.url, '/fulfilment/queue', 'queue')
    await waitLoaded(page)
    const orderNo = (await byTestId(page, 'table-queue').locator('[data-testid^="btn-ship-"]').first().getAttribute('data-testid')).slice(
      'btn-ship-'.length,
    )
    const file = join(tmpdir(), `ship-${Date.now()}.csv`)
    writeFileSync(file, `订单编号,物流公司,物流单号\r\n${orderNo},顺丰,SF1234567890123\r\n999999999999,中通,73123456789012\r\n`)
    await byTestId(page, 'btn-ship-by-file').click()
    const dialog = await visibleDialog(page, 'dialog-ship-file')
    await dialog.locator('input[type=file]').setInputFiles(file)
    await dialog.locator('[data-testid="btn-ship-preview"]').click()
    await byTestId(page, 'ship-file-result').waitFor()
    assert.equal(count(await byTestId(page, 'ship-count-shipped').innerText()), 1)
    assert.equal(count(await byTestId(page, 'ship-count-rejected').innerText()), 1)
    assert.match(await byTestId(page, 'table-ship-errors').innerText(), /999999999999/)
    await screenshot(page, '52-ship-file-preview')
    await dialog.locator('.el-dialog__headerbtn').click()
  })

  it('has a screenshot of every new page', async () => {
    const { page } = admin
    await openFresh(page, server.url, '/home', 'home')
    await useLanguage(page, 'zh-CN')
    const pages = [
      ['sales', 'orders', '60-orders'],
      ['sales', 'imports', '61-imports'],
      ['sales', 'listings', '62-listings'],
      ['sales', 'products', '63-products'],
      ['sales', 'skus', '64-skus'],
      ['sales', 'customers', '65-customers'],
      ['sales', 'traffic', '66-traffic'],
      ['system', 'channels', '67-channels'],
    ]
    for (const [group, name, shot] of pages) {
      await openMenu(page, group, name)
      await waitLoaded(page)
      await screenshot(page, shot)
    }
    // unmatched listings: the match dialog suggests nothing wrong and can be cancelled
    await openMenu(page, 'sales', 'listings')
    await waitLoaded(page)
    await byTestId(page, 'table-listings').locator('[data-testid^="btn-match-"]').first().click()
    await visibleDialog(page, 'dialog-match')
    await screenshot(page, '68-listing-match')
    await page.keyboard.press('Escape')

    await page.goto(`${server.url}/sales/imports?tab=history`)
    await byTestId(page, 'table-imports').waitFor()
    await waitLoaded(page)
    await screenshot(page, '69-import-history')

    await page.goto(`${server.url}/home`)
    await byTestId(page, 'widget-kpi-dashboard').waitFor()
    await waitLoaded(page)
    await byTestId(page, 'bell').click()
    await byTestId(page, 'bell-list').waitFor()
    await screenshot(page, '70-home-bell')
    assert.deepEqual(admin.problems, [])
  })
})
