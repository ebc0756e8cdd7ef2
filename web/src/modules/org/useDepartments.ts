// The department list and tree, loaded once per page that needs them.
import { computed, ref } from 'vue'
import { showError } from '@/composables/apiFeedback'
import { departmentApi } from './api'
import { buildDepartmentTree } from './departmentTree'
import type { Department } from './types'

export function useDepartments() {
  const list = ref<Department[]>([])
  const loading = ref(false)
  const tree = computed(() => buildDepartmentTree(list.value))
  const nameOf = (id: number | null | undefined) => list.value.find((d) => d.id === id)?.name ?? ''

  async function reload(): Promise<void> {
    loading.value = true
    try {
      const res = await departmentApi.list()
      list.value = res.items ?? []
    } catch (e) {
      showError(e)
    } finally {
      loading.value = false
    }
  }

  return { list, tree, loading, nameOf, reload }
}
