// The generic preset's fields (internal/sales/preset_generic.go MappingFields):
// a mapping names the header that holds each; the first three are required.
// Amount fields (_fen) are read from the file as yuan.
export const MAPPING_FIELDS = [
  'order_no',
  'status',
  'ordered_at',
  'paid_at',
  'shipped_at',
  'completed_at',
  'closed_at',
  'buyer',
  'goods_fen',
  'shipping_fen',
  'discount_fen',
  'paid_fen',
  'refunded_fen',
  'receiver_name',
  'receiver_phone',
  'receiver_address',
  'carrier',
  'tracking_no',
  'buyer_message',
  'seller_memo',
  'sub_order_no',
  'item_id',
  'platform_sku_id',
  'merchant_code',
  'title',
  'attributes',
  'quantity',
  'unit_price_fen',
  'line_paid_fen',
] as const

export const REQUIRED_FIELDS: ReadonlyArray<string> = ['order_no', 'status', 'ordered_at']

/** Statuses a mapping may give extra status texts. */
export const MAPPING_STATUSES = ['pending_payment', 'paid', 'shipped', 'completed', 'closed'] as const

/**
 * Suggests a header for each field from the locale's usual header names
 * (exact match first, then a header containing the name).
 */
export function suggestColumns(headers: string[], synonyms: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {}
  const used = new Set<string>()
  for (const field of MAPPING_FIELDS) {
    const names = synonyms[field] ?? []
    const hit =
      headers.find((h) => !used.has(h) && names.includes(h)) ?? headers.find((h) => !used.has(h) && names.some((n) => n && h.includes(n)))
    if (hit) {
      out[field] = hit
      used.add(hit)
    }
  }
  return out
}

/** Header names seen in ERP and platform exports, per field (the files are Chinese whatever the UI language). */
export const HEADER_SYNONYMS: Record<string, string[]> = {
  order_no: ['订单编号', '订单号', '主订单编号', '单号', 'order_no', 'Order No'],
  status: ['订单状态', '状态', 'status'],
  ordered_at: ['下单时间', '订单创建时间', '创建时间', '订单提交时间'],
  paid_at: ['付款时间', '支付时间', '订单付款时间'],
  shipped_at: ['发货时间'],
  completed_at: ['完成时间', '确认收货时间', '成交时间'],
  closed_at: ['关闭时间'],
  buyer: ['买家会员名', '买家昵称', '会员', '买家', '客户'],
  goods_fen: ['商品金额', '货款', '商品总价', '买家应付货款'],
  shipping_fen: ['运费', '邮费', '买家应付邮费'],
  discount_fen: ['优惠', '优惠金额', '折扣'],
  paid_fen: ['实付金额', '买家实际支付金额', '实收金额', '支付金额'],
  refunded_fen: ['退款金额'],
  receiver_name: ['收货人', '收货人姓名', '收件人'],
  receiver_phone: ['收货人电话', '联系手机', '手机', '电话'],
  receiver_address: ['收货地址', '地址'],
  carrier: ['物流公司', '快递公司'],
  tracking_no: ['物流单号', '快递单号', '运单号'],
  buyer_message: ['买家留言'],
  seller_memo: ['卖家备注', '订单备注', '商家备注'],
  sub_order_no: ['子订单编号', '子订单号'],
  item_id: ['商品ID', '宝贝ID'],
  platform_sku_id: ['SKU ID', 'skuID'],
  merchant_code: ['商家编码', '商品编码', '货号'],
  title: ['商品名称', '商品标题', '宝贝标题', '标题'],
  attributes: ['规格', '商品属性', 'SKU属性'],
  quantity: ['数量', '购买数量'],
  unit_price_fen: ['单价', '价格', '商品价格'],
  line_paid_fen: ['明细实付', '子订单实付'],
}
