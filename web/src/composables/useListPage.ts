// What every list page does: search form, paging, loading, export and delete
// with confirmation. A page supplies how to fetch and what to export.
import { ElMessageBox } from 'element-plus'
import { reactive, ref, shallowRef, type Ref, type UnwrapRef } from 'vue'
import { downloadFile } from '@/api/download'
import type { Query } from '@/api/http'
import type { Page } from '@/api/types'
import { t } from '@/locales'
import { showError, showSuccess } from './apiFeedback'

export interface ListPageOptions<T, Q extends object> {
  /** Initial (and reset) values of the search form. */
  query: () => Q
  fetch: (params: Q & { page: number; page_size: number; sort?: string }) => Promise<Page<T>>
  /** The list path; its sibling `<path>/export` downloads the same filters as XLSX. */
  exportPath?: string
  exportName?: string
  /** Turns the search form into query parameters (date ranges into from/to ...). */
  toParams?: (q: UnwrapRef<Q>) => Record<string, unknown>
  pageSize?: number
  sort?: string
  immediate?: boolean
}

export function useListPage<T, Q extends object>(opts: ListPageOptions<T, Q>) {
  const query = reactive(opts.query()) as UnwrapRef<Q>
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(opts.pageSize ?? 20)
  const sort = ref(opts.sort)
  const loading = ref(false)
  const exporting = ref(false)
  let seq = 0

  function params(): Record<string, unknown> {
    const raw = opts.toParams ? opts.toParams(query) : { ...(query as object) }
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(raw)) {
      if (v === undefined || v === null || v === '') continue
      out[k] = v
    }
    if (sort.value) out.sort = sort.value
    return out
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const res = await opts.fetch({ ...(params() as Q), page: page.value, page_size: pageSize.value })
      if (mine !== seq) return
      items.value = res.items ?? []
      total.value = res.total ?? 0
      // a delete can empty the last page: step back
      if (items.value.length === 0 && total.value > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(total.value / pageSize.value))
        await load()
      }
    } catch (e) {
      if (mine === seq) showError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  function reset(): Promise<void> {
    Object.assign(query as object, opts.query())
    return search()
  }

  function onPageChange(p: number): void {
    page.value = p
    void load()
  }

  function onSizeChange(size: number): void {
    pageSize.value = size
    page.value = 1
    void load()
  }

  function onSortChange({ prop, order }: { prop: string | null; order: string | null }): void {
    sort.value = prop && order ? (order === 'descending' ? `-${prop}` : prop) : opts.sort
    void search()
  }

  async function exportList(): Promise<void> {
    if (!opts.exportPath) return
    exporting.value = true
    try {
      const name = await downloadFile(`${opts.exportPath}/export`, params() as Query, opts.exportName ?? 'export.xlsx')
      showSuccess('common.exported', { name })
    } catch (e) {
      showError(e)
    } finally {
      exporting.value = false
    }
  }

  /** Asks, deletes, reloads. Answers whether the row was deleted. */
  async function remove(label: string, action: () => Promise<unknown>): Promise<boolean> {
    try {
      await ElMessageBox.confirm(t('common.deleteConfirm', { name: label }), t('common.tip'), {
        type: 'warning',
        confirmButtonText: t('common.confirm'),
        cancelButtonText: t('common.cancel'),
      })
    } catch {
      return false
    }
    try {
      await action()
      showSuccess('common.deleted')
      await load()
      return true
    } catch (e) {
      showError(e)
      return false
    }
  }

  if (opts.immediate !== false) void load()

  return {
    query,
    items,
    total,
    page,
    pageSize,
    loading,
    exporting,
    load,
    search,
    reset,
    onPageChange,
    onSizeChange,
    onSortChange,
    exportList,
    remove,
    params,
  }
}
