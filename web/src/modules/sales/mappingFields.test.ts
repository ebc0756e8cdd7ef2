import { describe, expect, it } from 'vitest'
import { suggestColumns } from './mappingFields'

describe('mapping suggestions', () => {
  it('matches exact names first and uses each header once', () => {
    const headers = ['单号', '状态', '下单时间', '付款时间', '实付金额', '商品名称']
    const got = suggestColumns(headers, {
      order_no: ['订单号', '单号'],
      status: ['订单状态', '状态'],
      ordered_at: ['下单时间'],
      paid_at: ['付款时间'],
      paid_fen: ['实付金额'],
      title: ['商品名称', '商品'],
      line_paid_fen: ['实付金额'],
    })
    expect(got).toEqual({ order_no: '单号', status: '状态', ordered_at: '下单时间', paid_at: '付款时间', paid_fen: '实付金额', title: '商品名称' })
  })
})
