import { describe, expect, it } from 'vitest'
import { permissionLabel } from './permissionLabel'
import { leafPermissions, normalisePermissionTree } from './permissionTree'

const words: Record<string, string> = {
  'perm.module.org': '组织管理',
  'perm.module.pii': '个人信息',
  'perm.entity.department': '部门',
  'perm.action.read': '查看',
  'perm.action.reveal': '查看完整信息',
}
const t = (k: string) => words[k] ?? k
const te = (k: string) => k in words

describe('permission tree', () => {
  const raw = [
    {
      key: 'org',
      label: 'org',
      children: [{ key: 'org:department', label: 'department', children: [{ key: 'org:department:read', label: 'read' }] }],
    },
    { key: 'pii', label: 'pii', children: [{ key: 'pii:reveal', label: 'reveal' }] },
    { key: 'newmod', label: 'newmod', children: [{ key: 'newmod:thing', label: 'thing', children: [{ key: 'newmod:thing:fly', label: 'fly' }] }] },
  ]
  const tree = normalisePermissionTree(raw, (n) => permissionLabel(n, t, te))

  it('keeps permission strings on the leaves only', () => {
    expect(leafPermissions(tree)).toEqual(['org:department:read', 'pii:reveal', 'newmod:thing:fly'])
    expect(tree[0].key).toBe('group:org')
    expect(tree[0].perm).toBeUndefined()
  })

  it('labels nodes in the user language, falling back to the server label', () => {
    expect(tree[0].label).toBe('组织管理')
    expect(tree[0].children?.[0].label).toBe('部门')
    expect(tree[0].children?.[0].children?.[0].label).toBe('查看')
    expect(tree[1].children?.[0].label).toBe('查看完整信息')
    expect(tree[2].children?.[0].children?.[0].label).toBe('fly')
  })
})
