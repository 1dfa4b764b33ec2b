import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import {
  emptyProgramFilter,
  fromRouteQuery,
  toProgramQuery,
  toRouteQuery,
} from '../modules/programFilter'
import { splitComplaints, unplaced } from '../modules/programRefusal'

describe('the programme list filter in the address', () => {
  it('travels there and back', () => {
    const filter = { q: ' pkh ', agencyId: 2, status: 'active' as const }
    expect(toRouteQuery(filter)).toEqual({ q: 'pkh', agency: '2', status: 'active' })
    expect(fromRouteQuery({ q: 'pkh', agency: '2', status: 'active' })).toEqual({
      ...filter,
      q: 'pkh',
    })
  })

  it('leaves the default filter out of the address', () => {
    expect(toRouteQuery(emptyProgramFilter())).toEqual({})
  })

  it('ignores what is malformed rather than guessing', () => {
    expect(fromRouteQuery({ agency: 'x1', status: 'running' })).toEqual(emptyProgramFilter())
  })

  it('asks the API with the trimmed text', () => {
    expect(toProgramQuery({ q: ' BPNT ', agencyId: null, status: null })).toEqual({
      q: 'BPNT',
      agency_id: null,
      status: null,
    })
  })
})

describe("a refused programme's complaints", () => {
  it('go to the rule builder when they name a place in the rule, to the fields otherwise', () => {
    const error = new ApiError({
      status: 400,
      type: 'urn:sinergi:problem:validation-failed',
      code: 'PRG-2110',
      detail: 'Data tidak valid.',
      fieldErrors: {
        'eligibility_rule.all[0].value': 'Kode tidak dikenal.',
        name: 'Nama wajib.',
        'stages[1].planned_date': 'Di luar periode.',
      },
    })
    expect(splitComplaints(error)).toEqual({
      fields: { name: 'Nama wajib.', 'stages[1].planned_date': 'Di luar periode.' },
      rule: { 'eligibility_rule.all[0].value': 'Kode tidak dikenal.' },
    })
  })

  it('put a taken code under the code field', () => {
    const error = new ApiError({
      status: 409,
      type: 'urn:sinergi:problem:program-code-taken',
      code: 'PRG-1101',
      detail: 'Kode program PKH-2026 sudah dipakai program lain.',
    })
    expect(splitComplaints(error).fields).toEqual({
      code: 'Kode program PKH-2026 sudah dipakai program lain.',
    })
  })

  it('list what the form has no field for', () => {
    expect(
      unplaced({ name: 'a', 'stages[0].name': 'b', agency_id: 'c' }, ['name', 'stages']),
    ).toEqual(['c'])
  })
})
