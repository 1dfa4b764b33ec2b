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
  | 'programs.read'
  | 'programs.manage'
  | 'programs.preview'
  | 'enrolments.read'
  | 'analytics.figures'
  | 'pmt.read'
  | 'pmt.run'

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
  // Programmes are public administrative information; each agency's own staff run theirs.
  'programs.read': everyRole,
  'programs.manage': ['admin', 'agency_head', 'agency_staff'],
  // A rule's preview and a programme's beneficiaries are personal data: register readers only.
  'programs.preview': registerReaders,
  'enrolments.read': registerReaders,
  // Overlap, coverage and targeting counts carry no personal data: auditors see them too; the
  // household lists behind them need registry.read.
  'analytics.figures': [...registerReaders, 'auditor'],
  // A PMT estimate is about a named household: read as the register is read. A run rewrites
  // every estimate: the register's data staff start it.
  'pmt.read': registerReaders,
  'pmt.run': ['admin', 'registry_operator'],
}

/**
 * Whether a user may change the programmes (and their enrolments and stages) of the agency
 * `ownerAgencyId`: the secretariat any agency's, heads and staff only their own agency's.
 */
export function canManageProgrammesOf(
  user: { role: Role; agency_id: number | null } | null,
  ownerAgencyId: number,
): boolean {
  if (!user || !roleCan(user.role, 'programs.manage')) return false
  return user.role === 'admin' || user.agency_id === ownerAgencyId
}

export function roleCan(role: Role, action: Action): boolean {
  const granted = grants[action]
  return granted === everyRole || granted.includes(role)
}
