import { describe, expect, it } from 'vitest'
import { formatCount, formatFen, formatFenShort, formatPercent, isoDate, yuanToFen } from './format'

describe('money in fen', () => {
  it('formats integer fen exactly as yuan', () => {
    expect(formatFen(0)).toBe('0.00')
    expect(formatFen(5)).toBe('0.05')
    expect(formatFen(1230)).toBe('12.30')
    expect(formatFen(1999)).toBe('19.99')
    expect(formatFen(123456789)).toBe('1,234,567.89')
    expect(formatFen(-123456)).toBe('-1,234.56')
    expect(formatFen(null)).toBe('')
  })
  it('has no floating point drift on large amounts', () => {
    expect(formatFen(900719925474099)).toBe('9,007,199,254,740.99')
  })
  it('shortens large amounts per language for cards', () => {
    expect(formatFenShort(999999, 'zh-CN')).toBe('¥9,999.99')
    expect(formatFenShort(123456789, 'zh-CN')).toBe('¥123.46万')
    expect(formatFenShort(300000000000, 'zh-CN')).toBe('¥30.00亿')
    expect(formatFenShort(123456789, 'en')).toBe('¥1.23M')
    expect(formatFenShort(1234500, 'en')).toBe('¥12.3k')
    expect(formatFenShort(-5, 'en')).toBe('-¥0.05')
    expect(formatFenShort(null, 'en')).toBe('')
  })
  it('turns typed yuan into fen', () => {
    expect(yuanToFen(19.99)).toBe(1999)
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
  })
})

describe('counts, ratios and dates', () => {
  it('formats counts and percentages', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatCount(-1200)).toBe('-1,200')
    expect(formatCount(undefined)).toBe('')
    expect(formatPercent(0.12345, 2)).toBe('12.35%')
  })
  it('formats business dates', () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05')
  })
})
