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
  | 'registry.read'
  | 'registry.write'

const everyRole = 'every signed-in role'

const grants: Record<Action, readonly Role[] | typeof everyRole> = {
  'users.read': ['admin', 'agency_head'],
  'users.manage': ['admin'],
  'agencies.read': everyRole,
  'agencies.manage': ['admin'],
  'regions.read': everyRole,
  'audit.read': ['admin'],
  // The register holds personal data: NGO partners never browse it and auditors see aggregates
  // only. Village operators and facilitators read within their own area (the server scopes it).
  'registry.read': [
    'admin',
    'coordinator',
    'agency_head',
    'agency_staff',
    'registry_operator',
    'village_operator',
    'facilitator',
  ],
  'registry.write': ['admin', 'registry_operator'],
}

export function roleCan(role: Role, action: Action): boolean {
  const granted = grants[action]
  return granted === everyRole || granted.includes(role)
}
