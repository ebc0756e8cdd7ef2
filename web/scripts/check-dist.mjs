// Fails the build when the bundle could not run under the server's CSP
// (script-src 'self': no eval, no new Function, no inline scripts).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dist = new URL('../dist/', import.meta.url).pathname
const problems = []

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p)
    else if (p.endsWith('.js')) checkJs(p)
    else if (p.endsWith('.html')) checkHtml(p)
  }
}

function checkJs(p) {
  const src = readFileSync(p, 'utf8')
  for (const re of [/new Function\s*\(/g, /\beval\s*\(/g]) {
    for (const m of src.matchAll(re)) {
      problems.push(`${p}: ${m[0]} at ${m.index}: ${src.slice(Math.max(0, m.index - 60), m.index + 40)}`)
    }
  }
}

function checkHtml(p) {
  const src = readFileSync(p, 'utf8')
  for (const m of src.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (!/\bsrc=/.test(m[1]) || m[2].trim()) problems.push(`${p}: inline <script>`)
  }
}

walk(dist)
// the Go side embeds web/dist and needs the tracked placeholder to stay
writeFileSync(join(dist, '.keep'), '')
if (problems.length) {
  console.error('CSP check failed:\n' + problems.join('\n'))
  process.exit(1)
}
console.log('CSP check: no eval, no new Function, no inline scripts in dist/')
