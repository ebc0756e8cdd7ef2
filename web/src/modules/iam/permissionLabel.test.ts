import { describe, expect, it } from 'vitest'
import { permissionLabel } from './permissionLabel'

const words: Record<string, string> = {
  'perm.entity.session': '在线会话',
  'perm.entity.learning_session': '培训场次',
  'perm.action.read': '查看',
}
const t = (k: string) => words[k] ?? k
const te = (k: string) => k in words

describe('permissionLabel', () => {
  it('prefers a module-scoped entity word over the bare one', () => {
    expect(permissionLabel({ key: 'learning:session', leaf: false }, t, te)).toBe('培训场次')
    expect(permissionLabel({ key: 'iam:session', leaf: false }, t, te)).toBe('在线会话')
    expect(permissionLabel({ key: 'learning:session:read', leaf: true }, t, te)).toBe('查看')
  })
})
