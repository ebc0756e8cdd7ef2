import { describe, expect, it } from 'vitest'
import { fitsCarrier, normaliseTracking } from './tracking'

const sf = { code: 'SF', name: '顺丰速运', name_en: 'SF Express', pattern: '^SF[0-9A-Z]\\d{12}$', example: 'SF1234567890123' }

describe('tracking numbers', () => {
  it('normalises like the server', () => {
    expect(normaliseTracking(' no: sf 1234 5678 90123 ')).toBe('SF1234567890123')
    expect(normaliseTracking('ＳＦ１２３')).toBe('SF123')
    expect(normaliseTracking('No.73123456789012')).toBe('73123456789012')
  })
  it('checks the carrier pattern', () => {
    expect(fitsCarrier(sf, 'SF1234567890123')).toBe(true)
    expect(fitsCarrier(sf, '73123456789012')).toBe(false)
    expect(fitsCarrier(undefined, 'x')).toBe(true)
    expect(fitsCarrier({ ...sf, pattern: '(?<' }, 'x')).toBe(true)
  })
})
