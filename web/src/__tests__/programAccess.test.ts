import { describe, expect, it } from 'vitest'
import { canManageProgrammesOf, roleCan } from '@/access'
import { roles } from '@/api/types'

describe('programmes in the menu and on their pages', () => {
  it('are read by every role', () => {
    expect(roles.every((role) => roleCan(role, 'programs.read'))).toBe(true)
  })

  it('show beneficiaries and rule previews only to the register’s readers', () => {
    const readers = roles.filter((role) => roleCan(role, 'registry.read'))
    expect(roles.filter((role) => roleCan(role, 'enrolments.read'))).toEqual(readers)
    expect(roles.filter((role) => roleCan(role, 'programs.preview'))).toEqual(readers)
  })

  it('are changed by the owning agency’s head and staff, and by the secretariat', () => {
    expect(canManageProgrammesOf({ role: 'agency_head', agency_id: 2 }, 2)).toBe(true)
    expect(canManageProgrammesOf({ role: 'agency_staff', agency_id: 2 }, 2)).toBe(true)
    expect(canManageProgrammesOf({ role: 'agency_staff', agency_id: 3 }, 2)).toBe(false)
    expect(canManageProgrammesOf({ role: 'admin', agency_id: 1 }, 2)).toBe(true)
    expect(canManageProgrammesOf({ role: 'coordinator', agency_id: 2 }, 2)).toBe(false)
    expect(canManageProgrammesOf({ role: 'registry_operator', agency_id: 2 }, 2)).toBe(false)
    expect(canManageProgrammesOf(null, 2)).toBe(false)
  })
})
