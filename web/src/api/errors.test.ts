import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatMinute } from '@/composables/format'
import { errorMessage, fieldFromLocation, fieldMessage, mapFieldErrors } from './errors'
import { ApiError, dropNulls, setRequestLanguage, toQueryString } from './http'
import { downloadFile, filenameFromDisposition } from './download'

const messages: Record<string, string> = {
  'errors.invalidFields': 'check fields',
  'errors.invalidWith': 'not valid: {reasons}',
  'errors.conflict': 'changed by someone else',
  'errors.not_found': 'not found',
  'fieldErrors.listSeparator': '/',
  'fieldErrors.sentenceSeparator': '; ',
  'fieldErrors.itemPrefix': '#{item} ',
  'fieldErrors.invalidFallback': 'bad',
  'fieldErrors.invalid': '{message}',
  'fieldErrors.required': 'required!',
  'fieldErrors.too_long': 'max {max}',
  'fieldErrors.taken': '{value} is taken',
  'fieldErrors.enum': 'one of {values}',
  'fieldErrors.out_of_range': '{min}..{max}',
  'fieldErrors.out_of_range_min': '>= {min}',
  'fieldErrors.invalid_format': 'not a {format}',
  'fieldFormats.date_time': 'date and time',
  'problemReasons.exam_not_open_yet': 'opens {opens_at}',
}
const t = (k: string, named?: Record<string, unknown>) =>
  (messages[k] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(named?.[n] ?? ''))
const te = (k: string) => k in messages

describe('problem+json field errors', () => {
  it('maps locations to form fields', () => {
    expect(fieldFromLocation('body.name')).toBe('name')
    expect(fieldFromLocation('body.items[2].qty')).toBe('items.2.qty')
    expect(fieldFromLocation('query.page')).toBe('page')
    expect(fieldFromLocation('body')).toBe('')
    expect(fieldFromLocation(undefined)).toBe('')
  })

  it('puts each server error on its field, translated by its code and params', () => {
    const err = new ApiError(422, {
      status: 422,
      code: 'invalid',
      detail: 'validation failed',
      errors: [
        { location: 'body.employee_no', message: 'employee number "E001" is taken', code: 'taken', params: { value: 'E001' } },
        { location: 'body.name', message: 'expected length <= 64', code: 'too_long', params: { max: 64 } },
        { location: 'body', message: 'expected required property department_id to be present', code: 'required', params: { property: 'department_id' } },
        { location: 'body.items[1].status', message: 'must be one of a, b', code: 'enum', params: { values: ['a', 'b'] } },
      ],
    })
    expect(mapFieldErrors(err, t, te)).toEqual({
      employee_no: 'E001 is taken',
      name: 'max 64',
      department_id: 'required!',
      'items.1.status': 'one of a/b',
    })
    // a form that shows them on its fields points there; elsewhere the toast says them
    expect(errorMessage(err, t, te, { fieldsShown: true })).toBe('check fields')
    expect(errorMessage(err, t, te)).toBe('not valid: E001 is taken; max 64; required!')
  })

  it('picks the sentence of a range by its bounds, names list items and formats', () => {
    expect(fieldMessage({ code: 'out_of_range', params: { min: 1, max: 5 } }, t, te)).toBe('1..5')
    expect(fieldMessage({ code: 'out_of_range', params: { min: 0 } }, t, te)).toBe('>= 0')
    expect(fieldMessage({ code: 'required', params: { item: 3 } }, t, te)).toBe('#3 required!')
    expect(fieldMessage({ code: 'invalid_format', params: { format: 'date-time' } }, t, te)).toBe('not a date and time')
  })

  it('falls back to the generic code for codes it does not know', () => {
    // here "invalid" shows the server's sentence (as the English locale does); without one a fallback
    expect(fieldMessage({ code: 'brand_new', message: 'something new' }, t, te)).toBe('something new')
    expect(fieldMessage({ message: '' }, t, te)).toBe('bad')
    const zh = (k: string, named?: Record<string, unknown>) => (k === 'fieldErrors.invalid' ? '内容无效' : t(k, named))
    expect(fieldMessage({ code: 'brand_new', message: 'something new' }, zh, te)).toBe('内容无效')
  })

  it('translates a refusal by its reason and keeps a specific conflict detail', () => {
    const refused = new ApiError(422, { code: 'invalid', detail: 'exam "X" opens at 2026-12-01T08:00:00Z', reason: 'exam_not_open_yet', params: { opens_at: '2026-12-01T08:00:00Z' } })
    expect(errorMessage(refused, t, te)).toBe(`opens ${formatMinute('2026-12-01T08:00:00Z')}`)
    expect(errorMessage(new ApiError(404, { code: 'not_found', detail: 'employee 9 not found' }), t, te)).toBe('not found')
    expect(errorMessage(new ApiError(409, { code: 'conflict', detail: 'department has employees' }), t, te)).toBe(
      'changed by someone else: department has employees',
    )
    expect(
      errorMessage(new ApiError(409, { code: 'conflict', detail: 'position 1 was changed by someone else; reload and try again' }), t, te),
    ).toBe('changed by someone else')
    // no translation: the server's detail
    expect(errorMessage(new ApiError(418, { code: 'teapot', detail: 'short and stout' }), t, te)).toBe('short and stout')
  })

  it('ignores errors that are not from the API', () => {
    expect(mapFieldErrors(new Error('x'), t, te)).toEqual({})
  })
})

describe('request helpers', () => {
  it('leaves empty filters out of query strings', () => {
    expect(toQueryString({ q: '', page: 1, status: undefined, ids: [1, 2], x: null })).toBe('?page=1&ids=1&ids=2')
    expect(toQueryString({})).toBe('')
  })

  it('drops null properties from bodies but keeps them in arrays', () => {
    expect(JSON.stringify({ a: null, b: 1, c: [null, 2], d: { e: null } }, dropNulls)).toBe('{"b":1,"c":[null,2],"d":{}}')
  })

  it('reads export file names from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="employees-2026-11-03.xlsx"', 'x.xlsx')).toBe('employees-2026-11-03.xlsx')
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E5%91%98%E5%B7%A5.xlsx", 'x.xlsx')).toBe('员工.xlsx')
    expect(filenameFromDisposition(null, 'x.xlsx')).toBe('x.xlsx')
  })
})

describe('downloadFile', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    setRequestLanguage('zh-CN')
  })

  it('asks for the file in the UI language', async () => {
    const fetch = vi.fn(async () => ({ ok: true, status: 200, headers: new Headers(), blob: async () => new Blob(['PK']) }))
    vi.stubGlobal('fetch', fetch)
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined }))
    setRequestLanguage('en')
    await downloadFile('/sales/imports/1/errors/export', undefined, 'errors.xlsx')
    const init = (fetch.mock.calls[0] as unknown[])[1] as RequestInit
    expect((init.headers as Record<string, string>)['Accept-Language']).toBe('en')
  })
})
