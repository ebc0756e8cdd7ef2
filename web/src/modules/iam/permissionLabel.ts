// A permission tree node's label in the user's language. The server sends the
// last segment of the key ("department", "read") for the UI to translate;
// the locale's words come first, then the server's label, then the key.
type T = (key: string) => string
type TE = (key: string) => boolean

const kinds = ['module', 'entity', 'action'] as const

function segment(parts: string[], i: number, t: T, te: TE): string | undefined {
  const kind = kinds[Math.min(i, 2)]
  // an entity may be named per module where the bare word means something else
  // elsewhere (learning:session is a training session, iam:session a login)
  const scoped = kind === 'entity' ? `perm.entity.${parts[0]}_${parts[i]}` : ''
  if (scoped && te(scoped)) return t(scoped)
  const key = `perm.${kind}.${parts[i]}`
  return te(key) ? t(key) : undefined
}

export function permissionLabel(node: { key: string; name?: string; leaf: boolean }, t: T, te: TE): string {
  const parts = node.key.split(':').filter(Boolean)
  if (parts.length === 0) return node.name || node.key
  // a two-part permission ("pii:reveal"): its last part is an action
  if (node.leaf && parts.length === 2) {
    const act = te(`perm.action.${parts[1]}`) ? t(`perm.action.${parts[1]}`) : undefined
    if (act) return act
  }
  return segment(parts, parts.length - 1, t, te) ?? (node.name || node.key)
}
