// Positions for selects (one request per page that needs them).
import { computed, ref } from 'vue'
import { positionApi } from '@/modules/org/api'
import type { Position } from '@/modules/org/types'
import { useAppStore } from '@/stores/app'

export function usePositions() {
  const list = ref<Position[]>([])
  const app = useAppStore()
  const options = computed(() =>
    list.value.map((p) => ({ value: p.id, label: app.locale === 'en' && p.name_en ? p.name_en : p.name })),
  )
  async function reload(): Promise<void> {
    try {
      const res = await positionApi.list({ page_size: 500, status: 'active' })
      list.value = res.items ?? []
    } catch {
      /* the select stays empty; the page still works */
    }
  }
  void reload()
  const nameOf = (id: number | null | undefined) => options.value.find((o) => o.value === id)?.label ?? ''
  return { list, options, nameOf, reload }
}
