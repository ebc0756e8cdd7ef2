// Normalises GET /system/permissions into the tree the role dialog shows.
// The server may answer nested nodes or a flat list of permission strings;
// leaves carry the permission string as their key.
import type { PermissionNode } from './types'

export interface PermTreeNode {
  key: string
  label: string
  /** Set on leaves only: the permission string. */
  perm?: string
  children?: PermTreeNode[]
}

type Label = (node: { key: string; name?: string; nameEn?: string; level: number }) => string

/** Builds module > entity > action groups from "module:entity:action" strings. */
export function treeFromStrings(perms: string[], label: Label): PermTreeNode[] {
  const roots: PermTreeNode[] = []
  const groups = new Map<string, PermTreeNode>()
  for (const perm of [...new Set(perms)]) {
    const parts = perm.split(':')
    let siblings = roots
    for (let i = 0; i < parts.length - 1; i++) {
      const key = `group:${parts.slice(0, i + 1).join(':')}`
      let g = groups.get(key)
      if (!g) {
        g = { key, label: label({ key: parts.slice(0, i + 1).join(':'), level: i }), children: [] }
        groups.set(key, g)
        siblings.push(g)
      }
      siblings = g.children!
    }
    siblings.push({ key: perm, perm, label: label({ key: perm, level: parts.length - 1 }) })
  }
  return roots
}

function permOf(n: PermissionNode): string | undefined {
  return n.permission ?? n.code ?? (n.children?.length ? undefined : n.key)
}

/** Accepts what the server sends (nested nodes, {items}, or strings) and answers one tree shape. */
export function normalisePermissionTree(
  raw: PermissionNode[] | string[] | { items: PermissionNode[] | string[] | null } | null | undefined,
  label: Label,
): PermTreeNode[] {
  const list = Array.isArray(raw) ? raw : (raw?.items ?? [])
  if (list.length === 0) return []
  if (typeof list[0] === 'string') return treeFromStrings(list as string[], label)
  let n = 0
  const walk = (nodes: PermissionNode[], level: number): PermTreeNode[] =>
    nodes.map((node) => {
      const children = node.children?.length ? walk(node.children, level + 1) : undefined
      const perm = children ? undefined : permOf(node)
      const key = perm ?? `group:${node.key ?? node.code ?? `${level}-${n++}`}`
      return {
        key,
        perm,
        label: label({ key: perm ?? node.key ?? node.code ?? '', name: node.name ?? node.label, nameEn: node.name_en ?? node.label_en, level }),
        children,
      }
    })
  return walk(list as PermissionNode[], 0)
}

/** Every permission string in the tree. */
export function leafPermissions(tree: PermTreeNode[]): string[] {
  const out: string[] = []
  const walk = (nodes: PermTreeNode[]) => {
    for (const n of nodes) {
      if (n.perm) out.push(n.perm)
      if (n.children) walk(n.children)
    }
  }
  walk(tree)
  return out
}
