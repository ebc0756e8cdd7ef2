// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { messages } from './messages'

const en = messages.en
const zhCN = messages['zh-CN']

type Tree = { [k: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [p] : []
  })
}

const src = join(fileURLToPath(new URL('.', import.meta.url)), '..') // src/

describe('locales', () => {
  it('have the same keys in zh-CN and en', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(zhCN as Tree).sort())
  })

  it('know every literal key the code uses', () => {
    const used = new Set<string>()
    const pattern = /\b(?:t|te|showSuccess|titleKey:|okKey =)\(?\s*'([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g
    for (const file of sources(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(100)
    const missing = [...used].filter((k) => lookup(zhCN as Tree, k) === undefined || lookup(en as Tree, k) === undefined)
    expect(missing).toEqual([])
  })

  it('keep Latin-only text out of zh-CN except names and codes', () => {
    const allowed = /^(EcomOps|[A-Z]{2,5}|IP 地址|API 令牌|[A-Za-z0-9 .{}:<>_-]*\{[a-z]+\}[^A-Za-z]*)$/
    const suspicious = keys(zhCN as Tree)
      .map((k) => [k, lookup(zhCN as Tree, k)!] as const)
      .filter(([, v]) => /^[\x20-\x7e]+$/.test(v) && /[a-z]{3}/i.test(v) && !allowed.test(v))
    expect(suspicious).toEqual([])
  })
})
