import { describe, expect, it } from 'vitest'
import { allows } from '@/api/permissions'
import { buildMenu, firstAllowedPath, flattenPages } from './menu'
import { pageTable } from './table'

const canWith = (perms: string[], admin = false) => {
  const set = new Set(perms)
  return (p: string | undefined) => allows(set, p, admin)
}

describe('buildMenu', () => {
  it('shows an administrator every visible page', () => {
    const menu = buildMenu(pageTable, canWith([], true))
    // later modules add groups between these; the foundation's keep their order
    const foundation = ['home', 'org', 'system', 'audit']
    expect(menu.map((m) => m.name).filter((n) => foundation.includes(n))).toEqual(foundation)
    expect(menu.find((m) => m.name === 'org')?.children?.map((c) => c.name)).toEqual([
      'departments',
      'positions',
      'employees',
      'shops',
    ])
  })

  it('keeps only permitted pages and drops empty groups', () => {
    const menu = buildMenu(pageTable, canWith(['org:employee:read', 'org:shop:read']))
    expect(menu.map((m) => m.name)).toEqual(['home', 'org'])
    expect(menu[1].children?.map((c) => c.name)).toEqual(['employees', 'shops'])
  })

  it('never lists hidden pages (profile)', () => {
    const names = JSON.stringify(buildMenu(pageTable, canWith(['*'])))
    expect(names).not.toContain('tokens')
    expect(names).not.toContain('password')
  })

  it('treats "*" and module wildcards as grants', () => {
    expect(allows(new Set(['*']), 'audit:login:read')).toBe(true)
    expect(allows(new Set(['audit:*']), 'audit:login:read')).toBe(true)
    expect(allows(new Set(['audit:login:*']), 'audit:login:read')).toBe(true)
    expect(allows(new Set(['audit:login:read']), 'audit:login:export')).toBe(false)
    expect(allows(new Set(), undefined)).toBe(true)
  })

  it('finds the first page a user may open', () => {
    expect(firstAllowedPath(pageTable, canWith([]))).toBe('/home')
  })

  it('gives every page a component and a unique name', () => {
    const pages = flattenPages(pageTable)
    expect(pages.every(({ page }) => typeof page.component === 'function')).toBe(true)
    expect(new Set(pages.map(({ page }) => page.name)).size).toBe(pages.length)
  })
})
