// The shops the user may see (for shop selects and shop names in tables),
// loaded once per session and shared by every page that needs them.
import { computed, ref } from 'vue'
import { shopApi } from './api'
import type { Shop } from './types'

const shops = ref<Shop[]>([])
let pending: Promise<void> | null = null

function load(): Promise<void> {
  if (!pending) {
    pending = shopApi
      .list({ page_size: 500, sort: 'code' })
      .then((res) => {
        shops.value = res.items ?? []
      })
      .catch(() => {
        pending = null // try again next time
      })
  }
  return pending
}

/** Forgets the cached shops (after a shop was added or changed). */
export function invalidateShops(): void {
  pending = null
}

export function useShops() {
  void load()
  const byId = computed(() => new Map(shops.value.map((s) => [s.id, s])))
  function nameOf(id: number | null | undefined): string {
    const s = id == null ? undefined : byId.value.get(id)
    return s ? s.name : id == null ? '' : `#${id}`
  }
  return { shops, byId, nameOf, reload: () => (invalidateShops(), load()) }
}
