// What each role may do, mirrored from the server's policy so the UI can hide what a role
// cannot use. The server still decides every request; this only spares users dead ends.
import type { Role } from '@/api/types'

export type Action =
  | 'users.read'
  | 'users.manage'
  | 'agencies.read'
  | 'agencies.manage'
  | 'regions.read'
  | 'audit.read'

const everyRole = 'every signed-in role'

const grants: Record<Action, readonly Role[] | typeof everyRole> = {
  'users.read': ['admin', 'agency_head'],
  'users.manage': ['admin'],
  'agencies.read': everyRole,
  'agencies.manage': ['admin'],
  'regions.read': everyRole,
  'audit.read': ['admin'],
}

export function roleCan(role: Role, action: Action): boolean {
  const granted = grants[action]
  return granted === everyRole || granted.includes(role)
}
