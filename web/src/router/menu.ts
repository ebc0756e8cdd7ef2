// Pure functions over the page table: which entries a user may see, and the
// trail of titles to a page (breadcrumb).
import type { PageEntry } from './table'

export interface MenuItem {
  path: string
  name: string
  titleKey: string
  icon?: string
  children?: MenuItem[]
}

/**
 * The menu for a user: pages whose permission `can` allows, groups that keep
 * at least one visible page, hidden entries left out, order kept.
 */
export function buildMenu(table: PageEntry[], can: (perm: string | undefined) => boolean): MenuItem[] {
  const out: MenuItem[] = []
  for (const entry of table) {
    if (entry.hidden) continue
    if (entry.children) {
      if (!can(entry.perm)) continue
      const children = buildMenu(entry.children, can)
      if (children.length === 0) continue
      out.push({ path: entry.path, name: entry.name, titleKey: entry.titleKey, icon: entry.icon, children })
      continue
    }
    if (!can(entry.perm)) continue
    out.push({ path: entry.path, name: entry.name, titleKey: entry.titleKey, icon: entry.icon })
  }
  return out
}

/** Leaf pages of the table with the chain of entries above each (for routes and breadcrumbs). */
export function flattenPages(table: PageEntry[], parents: PageEntry[] = []): Array<{ page: PageEntry; parents: PageEntry[] }> {
  const out: Array<{ page: PageEntry; parents: PageEntry[] }> = []
  for (const entry of table) {
    if (entry.children) out.push(...flattenPages(entry.children, [...parents, entry]))
    else out.push({ page: entry, parents })
  }
  return out
}

/** The first page a user may open (where to land after login when /home is not wanted). */
export function firstAllowedPath(table: PageEntry[], can: (perm: string | undefined) => boolean): string | undefined {
  for (const { page, parents } of flattenPages(table)) {
    if ([...parents, page].every((e) => can(e.perm))) return page.path
  }
  return undefined
}
