// Permission strings (module:entity:action) the UI checks before showing a
// menu entry or a button. They mirror what each server operation declares as
// x-permission (GET /system/permissions lists them all). Where the server
// guards an action with another entity's permission (exports with :read,
// employee logins with iam:user:update) the mapping says so here.
export const P = {
  department: { ...crud('org:department'), export: 'org:department:read' },
  position: { ...crud('org:position'), export: 'org:position:read' },
  employee: { ...crud('org:employee'), export: 'org:employee:export', login: 'iam:user:update' },
  shop: { ...crud('org:shop'), export: 'org:shop:export', staff: 'org:shop:update' },
  role: { ...crud('iam:role'), export: 'iam:role:read' },
  dict: { ...crud('system:dict'), export: 'system:dict:read' },
  setting: { read: 'system:setting:read', update: 'system:setting:update' },
  online: { read: 'iam:session:read', delete: 'iam:session:delete', export: 'iam:session:read' },
  operationLog: { read: 'audit:operation:read', export: 'audit:operation:export' },
  loginLog: { read: 'audit:login:read', export: 'audit:login:export' },
  piiReveal: 'pii:reveal',
  product: { ...crud('catalog:product'), export: 'catalog:product:export' },
  sku: { ...crud('catalog:sku'), export: 'catalog:sku:export' },
  listing: { read: 'catalog:listing:read', match: 'catalog:listing:update' },
  order: { read: 'sales:order:read', export: 'sales:order:export' },
  customer: { read: 'sales:customer:read' },
  salesImport: { read: 'sales:import:read', create: 'sales:import:create' },
  traffic: { read: 'sales:traffic:read' },
  kpi: { read: 'metrics:kpi:read', export: 'metrics:kpi:export' },
  queue: { read: 'fulfilment:queue:read', export: 'fulfilment:queue:export', ship: 'fulfilment:shipment:create' },
  channel: { read: 'notify:channel:read', update: 'notify:channel:update' },
  training: {
    competency: { read: 'training:competency:read', update: 'training:competency:update', export: 'training:competency:read' },
    assessment: { read: 'training:assessment:read', manage: 'training:assessment:manage', rate: 'training:assessment:rate' },
    problem: { read: 'training:problem:read', update: 'training:problem:update', export: 'training:problem:read' },
    survey: { read: 'training:survey:read', manage: 'training:survey:manage', answer: 'training:survey:answer' },
    need: { read: 'training:need:read', update: 'training:need:update', export: 'training:need:read' },
    plan: { read: 'training:plan:read', update: 'training:plan:update', approve: 'training:plan:approve', export: 'training:plan:read' },
  },
  learning: {
    course: { read: 'learning:course:read', update: 'learning:course:update', export: 'learning:course:read' },
    session: { read: 'learning:session:read', manage: 'learning:session:manage', attend: 'learning:session:attend' },
    external: { request: 'learning:external:request', approve: 'learning:external:approve', review: 'learning:external:review' },
    progress: { read: 'learning:progress:read' },
    library: { read: 'learning:library:read' },
    setting: { update: 'learning:setting:update' },
  },
  assessment: {
    question: { read: 'assessment:question:read', update: 'assessment:question:update', import: 'assessment:question:import' },
    exam: { read: 'assessment:exam:read', manage: 'assessment:exam:manage', grade: 'assessment:exam:grade', take: 'assessment:exam:take' },
    participation: { record: 'assessment:participation:record' },
    report: { read: 'assessment:report:read' },
  },
} as const

function crud<E extends string>(entity: E) {
  return {
    read: `${entity}:read`,
    create: `${entity}:create`,
    update: `${entity}:update`,
    delete: `${entity}:delete`,
  } as const
}

/** True when the granted set allows perm: admins and "*" allow everything, "org:*" a whole module. */
export function allows(granted: ReadonlySet<string>, perm: string | undefined, isAdmin = false): boolean {
  if (!perm) return true
  if (isAdmin || granted.has('*') || granted.has(perm)) return true
  const parts = perm.split(':')
  for (let i = parts.length - 1; i > 0; i--) {
    if (granted.has(`${parts.slice(0, i).join(':')}:*`)) return true
  }
  return false
}
