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

describe('change requests, figures and exports in the menu', () => {
  it('let villages propose, and only the secretariat and registry operators decide', () => {
    expect(roles.filter((role) => roleCan(role, 'registry.propose')).sort()).toEqual([
      'admin',
      'registry_operator',
      'village_operator',
    ])
    expect(roles.filter((role) => roleCan(role, 'registry.verify')).sort()).toEqual([
      'admin',
      'registry_operator',
    ])
  })

  it('show the aggregate figures to auditors too, never to NGO partners', () => {
    expect(roleCan('auditor', 'registry.figures')).toBe(true)
    expect(roleCan('ngo_partner', 'registry.figures')).toBe(false)
    for (const role of roles.filter((role) => roleCan(role, 'registry.read'))) {
      expect(roleCan(role, 'registry.figures'), role).toBe(true)
    }
  })

  it('let exactly the register’s readers export a search', () => {
    expect(roles.filter((role) => roleCan(role, 'registry.export'))).toEqual(
      roles.filter((role) => roleCan(role, 'registry.read')),
    )
  })
})
