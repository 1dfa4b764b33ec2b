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
  | 'registry.propose'
  | 'registry.verify'
  | 'registry.figures'
  | 'registry.export'

const everyRole = 'every signed-in role'

// The register holds personal data: NGO partners never browse it and auditors see aggregates
// only. Village operators and facilitators read within their own area (the server scopes it).
const registerReaders: readonly Role[] = [
  'admin',
  'coordinator',
  'agency_head',
  'agency_staff',
  'registry_operator',
  'village_operator',
  'facilitator',
]

const grants: Record<Action, readonly Role[] | typeof everyRole> = {
  'users.read': ['admin', 'agency_head'],
  'users.manage': ['admin'],
  'agencies.read': everyRole,
  'agencies.manage': ['admin'],
  'regions.read': everyRole,
  'audit.read': ['admin'],
  'registry.read': registerReaders,
  'registry.write': ['admin', 'registry_operator'],
  // Villages propose changes for their own village; the social agency's data staff decide.
  'registry.propose': ['admin', 'registry_operator', 'village_operator'],
  'registry.verify': ['admin', 'registry_operator'],
  // Counts per village carry no personal data: auditors see them too.
  'registry.figures': [...registerReaders, 'auditor'],
  // Whoever may read the register may take a search out of it, with a stated purpose.
  'registry.export': registerReaders,
}

export function roleCan(role: Role, action: Action): boolean {
  const granted = grants[action]
  return granted === everyRole || granted.includes(role)
}
