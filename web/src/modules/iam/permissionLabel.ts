// A permission tree node's label in the user's language: the server's name
// when it sent one, else the locale's words for module / entity / action.
type T = (key: string) => string
type TE = (key: string) => boolean

export function permissionLabel(
  node: { key: string; name?: string; nameEn?: string; level: number },
  locale: string,
  t: T,
  te: TE,
): string {
  if (locale === 'en' && node.nameEn) return node.nameEn
  if (locale !== 'en' && node.name) return node.name
  const parts = node.key.split(':')
  const last = parts[parts.length - 1]
  if (parts.length === 3 && node.level >= 2) {
    if (te(`perm.action.${last}`)) return t(`perm.action.${last}`)
  }
  if (parts.length === 2 && te(`perm.entity.${last}`)) return t(`perm.entity.${last}`)
  if (parts.length === 1 && te(`perm.module.${last}`)) return t(`perm.module.${last}`)
  return node.name ?? node.nameEn ?? node.key
}
