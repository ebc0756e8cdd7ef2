// Turns GET /system/permissions (module > entity > action nodes; a leaf's key
// is the permission string, a branch's key its prefix) into the tree the role
// dialog shows, with labels in the user's language.
import type { PermissionNode } from './types'

export interface PermTreeNode {
  /** Tree key: the permission for leaves, "group:<prefix>" for branches. */
  key: string
  label: string
  /** Set on leaves only: the permission string. */
  perm?: string
  children?: PermTreeNode[]
}

export type PermLabel = (node: { key: string; name?: string; leaf: boolean }) => string

export function normalisePermissionTree(nodes: PermissionNode[] | null | undefined, label: PermLabel): PermTreeNode[] {
  return (nodes ?? []).map((n) => {
    if (n.children?.length) {
      return {
        key: `group:${n.key}`,
        label: label({ key: n.key, name: n.label, leaf: false }),
        children: normalisePermissionTree(n.children, label),
      }
    }
    return { key: n.key, perm: n.key, label: label({ key: n.key, name: n.label, leaf: true }) }
  })
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
