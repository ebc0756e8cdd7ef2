// @vitest-environment node
// The codes the server sends for field errors, refusals and the effect
// report's sentences (docs/API.md) are translated in both languages, and
// read as sentences in each.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { errorMessage, fieldMessage, rowMessage } from '@/api/errors'
import { ApiError } from '@/api/http'
import { i18n, t, te } from './index'
import { messages } from './messages'

type Tree = { [k: string]: string | Tree }

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

const apiDoc = readFileSync(fileURLToPath(new URL('../../../docs/API.md', import.meta.url)), 'utf8')

/** The codes in the first column of the table under heading (up to the next heading). */
function documentedCodes(heading: string): string[] {
  const start = apiDoc.indexOf(`\n${heading}\n`)
  expect(start, heading).toBeGreaterThan(0)
  const rest = apiDoc.slice(start + heading.length + 2)
  const section = rest.slice(0, rest.search(/\n#{2,3} /) >>> 0)
  const codes: string[] = []
  for (const line of section.split('\n')) {
    const m = /^\s*\| ([^|]+) \|/.exec(line)
    if (!m || !m[1].includes('`')) continue
    for (const c of m[1].matchAll(/`([a-z_]+)`/g)) codes.push(c[1])
  }
  return codes
}

const fieldCodes = documentedCodes('## Field error codes')
const reasons = documentedCodes('### Refusal reasons')
const reportCodes = (() => {
  const i = apiDoc.indexOf('translates (`assessment.resultText.<code>`)')
  const rows = apiDoc.slice(i).split('\n').slice(1).filter((l) => /^\s+\| `/.test(l))
  return rows.map((l) => /`([a-z_]+)`/.exec(l)![1])
})()

describe('API codes', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it('are documented', () => {
    expect(fieldCodes).toEqual(expect.arrayContaining(['required', 'too_long', 'too_short', 'out_of_range', 'pattern', 'enum', 'invalid_format', 'unknown_field', 'type', 'taken']))
    expect(fieldCodes.length).toBeGreaterThan(60)
    expect(reasons).toContain('exam_not_open_yet')
    expect(reportCodes).toEqual(['unavailable', 'no_session', 'too_little_data', 'too_early', 'changed', 'no_clear_difference', 'weighted', 'pooled_too_little', 'observational'])
  })

  it('are translated in zh-CN and en', () => {
    const missing: string[] = []
    for (const [lang, tree] of Object.entries(messages) as Array<[string, Tree]>) {
      for (const c of fieldCodes) if (lookup(tree, `fieldErrors.${c}`) === undefined) missing.push(`${lang} fieldErrors.${c}`)
      for (const c of reasons) if (lookup(tree, `problemReasons.${c}`) === undefined) missing.push(`${lang} problemReasons.${c}`)
      for (const c of reportCodes) if (lookup(tree, `assessment.resultText.${c}`) === undefined) missing.push(`${lang} assessment.resultText.${c}`)
    }
    expect(missing).toEqual([])
  })

  it('read as Chinese sentences in zh-CN, with their params', () => {
    i18n.global.locale.value = 'zh-CN'
    const say = (code: string, params?: Record<string, unknown>, message = 'an English sentence') => fieldMessage({ code, params, message }, t, te)
    expect(say('too_long', { max: 64 })).toBe('最多 64 个字符')
    expect(say('out_of_range', { min: 1, max: 5 })).toBe('应在 1 到 5 之间')
    expect(say('out_of_range', { min: 0 })).toBe('不能小于 0')
    expect(say('out_of_range', { gt: 0 })).toBe('必须大于 0')
    expect(say('invalid_format', { format: 'date' })).toBe('日期格式不正确')
    expect(say('invalid_format', { format: 'date-time' })).toBe('日期时间格式不正确')
    expect(say('enum', { values: ['skip', 'abort'] })).toBe('取值无效，可选值：skip、abort')
    expect(say('taken', { value: 'TM01' })).toBe('“TM01”已存在')
    expect(say('required', { item: 2 })).toBe('第 2 项：此项为必填项')
    expect(say('no_seats', { needed: 5, free: 2, capacity: 30 })).toContain('需要 5 个名额')
    // no English reaches a zh-CN user, not even for a code this UI does not know
    for (const code of [...fieldCodes, 'brand_new']) {
      const text = say(code, { min: 1, max: 2, n: 3, value: 'x', values: ['a'], format: 'date', row: 1, columns: ['订单编号'], item: 1 })
      // product names, file types and protocols may stay Latin
      const words = text.replace(/Excel|STARTTLS|https|xlsx/gi, '')
      expect(words, code).not.toMatch(/an English sentence|[a-z]{4,}/i)
    }
  })

  it('read as English sentences in en', () => {
    i18n.global.locale.value = 'en'
    const say = (code: string, params?: Record<string, unknown>, message = '') => fieldMessage({ code, params, message }, t, te)
    expect(say('too_long', { max: 64 })).toBe('At most 64 characters')
    expect(say('out_of_range', { max: 100 })).toBe('Must be at most 100')
    expect(say('invalid_format', { format: 'email' })).toBe('Not a valid email address')
    expect(say('taken', { value: '销售部' })).toContain('already exists')
    // the generic code shows the server's sentence
    expect(say('invalid', {}, 'role_ids[0]: unknown role 9')).toBe('role_ids[0]: unknown role 9')
  })

  it('read refusal reasons as Chinese sentences in zh-CN, never followed by the English detail', () => {
    i18n.global.locale.value = 'zh-CN'
    const params = { title: '标题', name: '名称', code: 'TM01', count: 2, year: 2026, id: 7, attempts: 3, rule: 1, available: 2, capacity: 30,
      note: '名额已满', learners: 1, sessions: 2, topic: '直播', status: 'submitted', action: 'approve', to: 'open',
      deadline_at: '2026-12-01T08:00:00Z', submitted_at: '2026-12-01T08:00:00Z', starts_at: '2026-12-01T08:00:00Z', opens_at: '2026-12-01T08:00:00Z',
      closes_at: '2026-12-01T08:00:00Z', ends_at: '2026-12-01T08:00:00Z', starts_on: '2026-12-01', max_attempts: 2 }
    for (const reason of reasons) {
      const err = new ApiError(409, { code: 'conflict', detail: 'an English sentence for API users', reason, params })
      const text = errorMessage(err, t, te)
      // SKU and TM01 may stay Latin
      expect(text.replace(/SKU|TM01/g, ''), reason).not.toMatch(/[a-z]{4,}/i)
    }
    const late = new ApiError(409, { code: 'conflict', detail: 'time is up: the attempt was submitted at its deadline 2026-12-01T08:00:00Z; this answer was not saved',
      reason: 'attempt_time_up', params: { deadline_at: '2026-12-01T08:00:00Z' } })
    expect(errorMessage(late, t, te)).toMatch(/^时间到了：答卷已在 .+ 自动交卷，这条作答没有保存$/)
    i18n.global.locale.value = 'en'
    expect(errorMessage(late, t, te)).toMatch(/^Time is up: the attempt was submitted at its deadline .+; this answer was not saved$/)
    expect(errorMessage(late, t, te)).not.toContain('2026-12-01T08:00:00Z')
  })

  it('translate import row errors in both languages, never showing the English reason in zh-CN', () => {
    i18n.global.locale.value = 'zh-CN'
    const dup = { code: 'duplicate_order', params: { order_no: 'A1', row: 7 }, reason: 'duplicate order number A1: it already appeared at row 7' }
    expect(rowMessage(dup, t, te)).toBe('订单编号 A1 重复：第 7 行已出现过')
    expect(rowMessage({ code: 'too_many_decimals', params: { max: 2 }, reason: 'amount "1.234" has more than 2 decimals' }, t, te)).toBe('最多 2 位小数')
    expect(rowMessage({ code: 'order_not_paid', params: { status: 'closed' }, reason: 'only paid orders can be shipped' }, t, te)).toBe('只有已付款的订单可以发货')
    expect(rowMessage({ code: 'import_aborted', params: { count: 3 }, reason: '3 rows are invalid' }, t, te)).toContain('有 3 行数据有误')
    // rows stored before codes existed
    expect(rowMessage({ code: '', reason: 'some English sentence' }, t, te)).toBe('内容无效')
    i18n.global.locale.value = 'en'
    expect(rowMessage(dup, t, te)).toBe('Duplicate order number A1: it already appeared at row 7')
    expect(rowMessage({ code: '', reason: 'some English sentence' }, t, te)).toBe('some English sentence')
  })

  it('match the sentences of the sales error workbook (internal/sales/row_text.go)', () => {
    const src = readFileSync(fileURLToPath(new URL('../../../internal/sales/row_text.go', import.meta.url)), 'utf8')
    for (const [lang, block] of [['zh-CN', 'i18n.ZH: {'], ['en', 'i18n.EN: {']] as const) {
      const start = src.indexOf(block)
      const body = src.slice(start, src.indexOf('\n\t},', start))
      const pairs = [...body.matchAll(/"([a-z_]+)":\s+("(?:[^"\\]|\\.)*")/g)]
      expect(pairs.length, lang).toBeGreaterThan(15)
      for (const [, code, quoted] of pairs) {
        const ui = lookup(messages[lang] as Tree, `fieldErrors.${code}`)
        // the UI's generic "invalid" shows the server's sentence in English
        if (code === 'invalid') continue
        expect(ui, `${lang} ${code}`).toBe(JSON.parse(quoted))
      }
    }
  })

  it('translate a refused exam start in both languages', () => {
    const err = new ApiError(422, { code: 'invalid', detail: 'you have used all 2 attempts at "X"', reason: 'exam_no_attempts_left', params: { max_attempts: 2 } })
    expect(errorMessage(err, t, te)).toBe('考试次数已用完（共 2 次）')
    i18n.global.locale.value = 'en'
    expect(errorMessage(err, t, te)).toBe('No attempts left (of 2)')
  })
})
