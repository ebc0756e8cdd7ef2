// A permission tree node's label in the user's language. The server sends the
// last segment of the key ("department", "read") for the UI to translate;
// the locale's words come first, then the server's label, then the key.
type T = (key: string) => string
type TE = (key: string) => boolean

export function permissionLabel(
  node: { key: string; name?: string; level: number },
  locale: string,
  t: T,
  te: TE,
): string {
  const parts = node.key.split(':').filter(Boolean)
  const last = parts[parts.length - 1]
  if (last) {
    const kind = parts.length >= 3 ? 'action' : parts.length === 2 ? 'entity' : 'module'
    if (te(`perm.${kind}.${last}`)) return t(`perm.${kind}.${last}`)
  }
  void locale
  return node.name || node.key
}
