import { describe, expect, it } from 'vitest'
import { decodeStart, headerOf, splitCsvLine } from './headerSniff'

describe('CSV header sniffing for the mapping dialog', () => {
  it('splits quoted cells and platform quirks', () => {
    expect(splitCsvLine('a,"b,c","d ""e""",="0123", f ')).toEqual(['a', 'b,c', 'd "e"', '0123', 'f'])
  })

  it('finds a header below a report title', () => {
    const text = '生意参谋 > 店铺\n店铺名称：天猫店\n\n统计日期,访客数,浏览量\n2026-11-01,343,"1,372"\n'
    expect(headerOf(text)).toEqual(['统计日期', '访客数', '浏览量'])
  })

  it('decodes UTF-8 with BOM and GBK', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('单号,状态')])
    expect(decodeStart(utf8)).toBe('单号,状态')
    // "单号" in GBK
    const gbk = new Uint8Array([0xb5, 0xa5, 0xba, 0xc5])
    expect(decodeStart(gbk)).toBe('单号')
  })
})
