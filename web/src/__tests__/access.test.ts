import { describe, expect, it } from 'vitest'
import { roleCan } from '@/access'
import { roles } from '@/api/types'

describe('the register in the menu', () => {
  it('is offered to the roles that may read personal data in the register', () => {
    const readers = roles.filter((role) => roleCan(role, 'registry.read'))
    expect(readers.sort()).toEqual(
      [
        'admin',
        'agency_head',
        'agency_staff',
        'coordinator',
        'facilitator',
        'registry_operator',
        'village_operator',
      ].sort(),
    )
  })

  it('is never offered to NGO partners or auditors', () => {
    expect(roleCan('ngo_partner', 'registry.read')).toBe(false)
    expect(roleCan('auditor', 'registry.read')).toBe(false)
  })

  it('lets only the secretariat and registry operators change records', () => {
    expect(roles.filter((role) => roleCan(role, 'registry.write')).sort()).toEqual([
      'admin',
      'registry_operator',
    ])
  })
})
