// Dictionary options (GET /system/dicts/{type}) for selects and tags, cached per type.
import { computed, ref, type Ref } from 'vue'
import { dictApi } from '@/modules/system/api'
import type { DictItem } from '@/modules/system/types'
import { useAppStore } from '@/stores/app'

const cache = new Map<string, Ref<DictItem[]>>()
const pending = new Map<string, Promise<void>>()

function load(type: string, target: Ref<DictItem[]>): Promise<void> {
  let p = pending.get(type)
  if (!p) {
    p = dictApi
      .options(type)
      .then((res) => {
        const list = res?.items ?? []
        target.value = list.filter((d) => !d.status || d.status === 'active').sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0))
      })
      .catch(() => {
        pending.delete(type) // try again next time
      })
    pending.set(type, p)
  }
  return p
}

/** Forgets cached options (after editing dictionaries). */
export function invalidateDicts(): void {
  cache.clear()
  pending.clear()
}

/**
 * Options of a dictionary; `fallback` is used until (or if) the server has none,
 * so a select still works on a database without that dictionary.
 */
export function useDict(type: string, fallback: DictItem[] = []) {
  let items = cache.get(type)
  if (!items) {
    items = ref<DictItem[]>([])
    cache.set(type, items)
  }
  void load(type, items)
  const app = useAppStore()
  const source = computed(() => (items!.value.length ? items!.value : fallback))
  const options = computed(() =>
    source.value.map((d) => ({
      value: d.value,
      label: app.locale === 'en' && d.label_en ? d.label_en : d.label,
      colour: d.colour ?? '',
    })),
  )
  function find(value: string | null | undefined) {
    return options.value.find((o) => o.value === value)
  }
  function label(value: string | null | undefined): string {
    return find(value)?.label ?? (value ?? '')
  }
  return { options, find, label }
}
