// Permission strings (module:entity:action) the UI checks before showing a
// menu entry or a button. The server is the authority: GET /system/permissions
// lists them all and every operation declares one as x-permission.
export const P = {
  department: perms('org:department'),
  position: perms('org:position'),
  employee: { ...perms('org:employee'), login: 'org:employee:login' },
  shop: { ...perms('org:shop'), staff: 'org:shop:staff' },
  role: perms('iam:role'),
  dict: perms('system:dict'),
  setting: { read: 'system:setting:read', update: 'system:setting:update' },
  online: { read: 'iam:session:read', delete: 'iam:session:delete' },
  operationLog: { read: 'audit:operation:read', export: 'audit:operation:export' },
  loginLog: { read: 'audit:login:read', export: 'audit:login:export' },
} as const

function perms<E extends string>(entity: E) {
  return {
    read: `${entity}:read`,
    create: `${entity}:create`,
    update: `${entity}:update`,
    delete: `${entity}:delete`,
    export: `${entity}:export`,
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
