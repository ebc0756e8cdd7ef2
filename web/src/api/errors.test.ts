import { describe, expect, it } from 'vitest'
import { errorMessage, fieldFromLocation, mapFieldErrors } from './errors'
import { ApiError, dropNulls, toQueryString } from './http'
import { filenameFromDisposition } from './download'

const messages: Record<string, string> = {
  'errors.invalidFields': 'check fields',
  'errors.conflict': 'changed by someone else',
  'errors.not_found': 'not found',
  'fieldErrors.required': 'required!',
  'fieldErrors.maxLength': 'max {n}',
  'fieldErrors.invalid': 'bad',
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

  it('puts each server error on its field, translated where known', () => {
    const err = new ApiError(422, {
      status: 422,
      code: 'invalid',
      detail: 'validation failed',
      errors: [
        { location: 'body.employee_no', message: 'employee number E001 is already taken' },
        { location: 'body.name', message: 'expected length <= 64' },
        { location: 'body', message: 'expected required property department_id to be present' },
      ],
    })
    expect(mapFieldErrors(err, t, te)).toEqual({
      employee_no: 'employee number E001 is already taken',
      name: 'max 64',
      department_id: 'required!',
    })
    expect(errorMessage(err, t, te)).toBe('check fields')
  })

  it('translates codes and keeps a specific conflict detail', () => {
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
