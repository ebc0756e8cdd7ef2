// Where the browser tests find what they need, and whether a missing piece
// skips the suite (developer machine) or fails it (CI: ECOMOPS_TEST_REQUIRE_ALL=1).
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const e2eDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const repoDir = resolve(e2eDir, '..')
export const artifactsDir = process.env.ECOMOPS_E2E_ARTIFACTS || join(e2eDir, 'artifacts')
export const requireAll = process.env.ECOMOPS_TEST_REQUIRE_ALL === '1'

// CHROMIUM_PATH, when set, is the only browser considered
const chromiumCandidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser']
export const chromiumPath = chromiumCandidates.find((p) => existsSync(p))
export const binaryPath = resolve(repoDir, process.env.ECOMOPS_BIN || 'bin/ecomops')

/** Why the suite cannot run here, or undefined when it can. */
export function missingPrerequisite() {
  if (!chromiumPath) return `Chromium not found (looked at ${chromiumCandidates.join(', ')}); install Debian's chromium`
  if (!existsSync(binaryPath)) return `${binaryPath} not found; build it first (make build)`
  return undefined
}

export const DEMO_PASSWORD = 'Demo@2026pass'
