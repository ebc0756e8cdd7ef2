// The full message trees: the shared base files (zh-CN.ts, en.ts) merged with
// each module's own strings in src/modules/<module>/locale.ts, which exports
// { 'zh-CN': {...}, en: {...} }. Modules keep their strings beside their pages
// so parallel work on different modules does not collide in one file.
import zhCN from './zh-CN'
import en from './en'

type Tree = { [k: string]: string | Tree }

interface ModuleLocale {
  'zh-CN': Tree
  en: Tree
}

function merge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k]
    into[k] = typeof v === 'object' && typeof cur === 'object' ? merge({ ...cur }, v) : v
  }
  return into
}

const modules = import.meta.glob<ModuleLocale>('../modules/*/locale.ts', { eager: true, import: 'default' })

export const messages = Object.values(modules).reduce(
  (acc, m) => ({ 'zh-CN': merge(acc['zh-CN'], m['zh-CN']), en: merge(acc.en, m.en) }),
  { 'zh-CN': merge({}, zhCN as Tree), en: merge({}, en as Tree) },
)
