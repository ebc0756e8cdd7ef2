// Builds the department tree from the flat list the API answers.
import type { Department } from './types'

export type DepartmentNode = Department & { children?: DepartmentNode[] }

/**
 * Nests departments under their parents, siblings ordered by sort then name.
 * A department whose parent is missing (outside the user's scope) becomes a root.
 */
export function buildDepartmentTree(list: Department[]): DepartmentNode[] {
  const byId = new Map<number, DepartmentNode>()
  for (const d of list) byId.set(d.id, { ...d })
  const roots: DepartmentNode[] = []
  for (const node of byId.values()) {
    const parent = node.parent_id != null ? byId.get(node.parent_id) : undefined
    if (parent && parent !== node) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  const order = (a: DepartmentNode, b: DepartmentNode) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id
  const sortDeep = (nodes: DepartmentNode[]) => {
    nodes.sort(order)
    for (const n of nodes) if (n.children) sortDeep(n.children)
  }
  sortDeep(roots)
  return roots
}

/** The id and every descendant id of a department (to keep a node from becoming its own ancestor). */
export function subtreeIds(list: Department[], rootId: number): Set<number> {
  const ids = new Set<number>([rootId])
  let grew = true
  while (grew) {
    grew = false
    for (const d of list) {
      if (d.parent_id != null && ids.has(d.parent_id) && !ids.has(d.id)) {
        ids.add(d.id)
        grew = true
      }
    }
  }
  return ids
}
