// A permission tree node's label in the user's language. The server sends the
// last segment of the key ("department", "read") for the UI to translate;
// the locale's words come first, then the server's label, then the key.
type T = (key: string) => string
type TE = (key: string) => boolean

const kinds = ['module', 'entity', 'action'] as const

function segment(parts: string[], i: number, t: T, te: TE): string | undefined {
  const kind = kinds[Math.min(i, 2)]
  const key = `perm.${kind}.${parts[i]}`
  return te(key) ? t(key) : undefined
}

export function permissionLabel(node: { key: string; name?: string; level: number }, t: T, te: TE): string {
  const parts = node.key.split(':').filter(Boolean)
  if (parts.length === 0) return node.name || node.key
  // a two-part permission hanging off a module ("pii:reveal"): module + action
  if (parts.length === 2 && node.level >= 1) {
    const mod = segment(parts, 0, t, te)
    const act = te(`perm.action.${parts[1]}`) ? t(`perm.action.${parts[1]}`) : undefined
    if (act) return act
    if (mod) return `${mod} · ${parts[1]}`
  }
  if (parts.length === 2 && node.level === 0 && te(`perm.action.${parts[1]}`)) {
    return `${segment(parts, 0, t, te) ?? parts[0]} · ${t(`perm.action.${parts[1]}`)}`
  }
  return segment(parts, parts.length - 1, t, te) ?? (node.name || node.key)
}
