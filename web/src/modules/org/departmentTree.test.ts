import { describe, expect, it } from 'vitest'
import { buildDepartmentTree, subtreeIds } from './departmentTree'
import type { Department } from './types'

const d = (id: number, parent_id: number | null, name: string, sort = 0): Department => ({
  id,
  parent_id,
  name,
  code: '',
  leader_id: null,
  sort,
  status: 'active',
  version: 1,
  created_at: '',
  updated_at: '',
})

describe('department tree', () => {
  const list = [d(3, 1, '京东组', 2), d(1, null, '运营部'), d(2, 1, '天猫组', 1), d(4, null, '客服部', 1), d(5, 99, '孤儿')]

  it('nests by parent and orders siblings by sort', () => {
    const tree = buildDepartmentTree(list)
    expect(tree.map((n) => n.name)).toEqual(['孤儿', '运营部', '客服部'])
    expect(tree.find((n) => n.id === 1)?.children?.map((n) => n.name)).toEqual(['天猫组', '京东组'])
  })

  it('finds a department and everything below it', () => {
    expect([...subtreeIds(list, 1)].sort()).toEqual([1, 2, 3])
    expect([...subtreeIds(list, 4)]).toEqual([4])
  })
})
