// The sales module's fixed values as options and coloured tags. Labels are in
// locale.ts under sales.enum.<name>; a dictionary of the same type name
// (字典管理) overrides them.
import { useEnum } from '@/composables/useEnum'

const defs = {
  orderStatus: ['sales_order_status', { pending_payment: 'info', paid: 'warning', shipped: 'primary', completed: 'success', closed: '#909399' }],
  importStatus: [
    'sales_import_status',
    { queued: 'info', running: 'primary', completed: 'success', failed: 'danger', aborted: 'warning', interrupted: 'warning' },
  ],
  importKind: ['sales_import_kind', { orders: 'primary', traffic: 'success' }],
  format: ['sales_import_format', { auto: '', taobao: '', tmall: '', jd: '', pdd: '', douyin: '', generic: '' }],
  trafficLevel: ['sales_traffic_level', { shop: '', product: '' }],
} as const

export type SalesEnum = keyof typeof defs

export function useSalesEnum(name: SalesEnum) {
  const [type, colours] = defs[name]
  return useEnum(type, `sales.enum.${name}`, colours)
}

export function salesEnumValues(name: SalesEnum): string[] {
  return Object.keys(defs[name][1])
}
