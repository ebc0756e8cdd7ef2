// The catalogue's fixed values as options and coloured tags (labels in
// locale.ts under catalog.enum.<name>; a dictionary of the same type overrides them).
import { useEnum } from '@/composables/useEnum'

const defs = {
  status: ['catalog_status', { active: 'success', disabled: 'info' }],
  listingStatus: ['catalog_listing_status', { unmatched: 'warning', matched: 'success', disabled: 'info' }],
} as const

export type CatalogEnum = keyof typeof defs

export function useCatalogEnum(name: CatalogEnum) {
  const [type, colours] = defs[name]
  return useEnum(type, `catalog.enum.${name}`, colours)
}

export function catalogEnumValues(name: CatalogEnum): string[] {
  return Object.keys(defs[name][1])
}
