// Small helpers over Element Plus widgets, addressed by data-testid.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { artifactsDir } from './env.mjs'

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`)

export async function login(page, url, username, password) {
  await page.goto(`${url}/login`)
  await byTestId(page, 'login-username').fill(username)
  await byTestId(page, 'login-password').fill(password)
  await byTestId(page, 'login-submit').click()
}

/** Loads a page afresh, so a step starts clean even when the one before failed midway. */
export async function openFresh(page, url, path, name) {
  await page.goto(`${url}${path}`)
  await byTestId(page, `page-${name}`).waitFor()
}

/** Opens a sidebar page: expands its group first when the group is closed. */
export async function openMenu(page, group, name) {
  const item = byTestId(page, `menu-${name}`)
  if (!(await item.isVisible())) await byTestId(page, `menu-${group}`).locator('.el-sub-menu__title').click()
  await item.click()
  await byTestId(page, `page-${name}`).waitFor()
}

/** Picks an option of an el-select (single or multiple) by its visible text. */
export async function pickOption(page, testId, text) {
  await byTestId(page, testId).click()
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: text }).first()
  await option.click()
}

/** Picks a node of an el-tree-select by its label. */
export async function pickTreeOption(page, testId, text) {
  // el-tree-select passes the attribute to both its select and its tree
  await page.locator(`.el-select[data-testid="${testId}"]`).click()
  await page.locator('.el-select-dropdown:visible .el-tree-node__content', { hasText: text }).first().click()
}

/** Waits for the success toast, so the next step sees the saved state. */
export async function expectToast(page, type = 'success') {
  await page.locator(`.el-message--${type}`).first().waitFor()
}

export async function visibleDialog(page, testId) {
  const dialog = page.locator(`.el-dialog[data-testid="${testId}"], [data-testid="${testId}"] .el-dialog`).first()
  await dialog.waitFor({ state: 'visible' })
  return dialog
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true })
  // let tag and table transitions settle
  await page.waitForTimeout(300)
  const path = join(artifactsDir, `${name}.png`)
  await page.screenshot({ path })
  return path
}
