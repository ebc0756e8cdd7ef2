// The row of opened pages above the content (RuoYi's tags-view).
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface TagView {
  path: string
  fullPath: string
  name: string
  titleKey: string
  affix?: boolean
}

export const useTagsStore = defineStore('tags', () => {
  const views = ref<TagView[]>([])

  function add(view: TagView): void {
    const found = views.value.find((v) => v.path === view.path)
    if (found) {
      found.fullPath = view.fullPath
      return
    }
    if (view.affix) views.value.unshift(view)
    else views.value.push(view)
  }

  /** Closes one tag; answers the tag to show instead when the closed one was active. */
  function close(path: string): TagView | undefined {
    const i = views.value.findIndex((v) => v.path === path)
    if (i < 0 || views.value[i].affix) return undefined
    views.value.splice(i, 1)
    return views.value[Math.min(i, views.value.length - 1)]
  }

  function closeOthers(path: string): void {
    views.value = views.value.filter((v) => v.affix || v.path === path)
  }

  function closeAll(): void {
    views.value = views.value.filter((v) => v.affix)
  }

  function reset(): void {
    views.value = []
  }

  return { views, add, close, closeOthers, closeAll, reset }
})
