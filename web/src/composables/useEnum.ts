// Options and tags for a fixed set of values the server defines (statuses,
// categories, ...). The labels live in the locale files under `prefix`; an
// administrator may still override them with a dictionary of the same type
// (字典管理), which useDict reads first. Labels follow the language switch.
import { computed } from 'vue'
import { t } from '@/locales'
import { useAppStore } from '@/stores/app'
import { useDict } from './useDict'

/** value -> tag colour (an Element Plus tag type or a CSS colour; '' for none). */
export type EnumColours = Record<string, string>

export function useEnum(type: string, prefix: string, colours: EnumColours) {
  const dict = useDict(type)
  const app = useAppStore()
  const options = computed(() => {
    void app.locale // relabel on a language switch
    if (dict.options.value.length) return dict.options.value
    return Object.entries(colours).map(([value, colour]) => ({ value, label: t(`${prefix}.${value}`), colour }))
  })
  function find(value: string | null | undefined) {
    return options.value.find((o) => o.value === value)
  }
  function label(value: string | null | undefined): string {
    return find(value)?.label ?? value ?? ''
  }
  function colour(value: string | null | undefined): string {
    return find(value)?.colour ?? ''
  }
  return { options, find, label, colour }
}

export type EnumHandle = ReturnType<typeof useEnum>
