import { describe, expect, it } from 'vitest'
import type { TargetingFigures } from '@/api/analytics'
import { dayAsDate, inclusionTotal, isoDay, targetingColumns } from '../modules/targeting'

describe('a programme’s targeting columns', () => {
  it('offer the list behind every household figure', () => {
    const columns = targetingColumns('household')
    expect(columns.map((column) => [column.field, column.list])).toEqual([
      ['households', null],
      ['eligible', 'eligible'],
      ['enrolled', 'enrolled'],
      ['excluded', 'excluded'],
      ['included_not_eligible', 'not_eligible'],
      ['included_closed', 'closed'],
      ['included_no_living_member', 'no_living_member'],
    ])
    expect(columns.filter((column) => column.error).map((column) => column.field)).toEqual([
      'excluded',
      'included_not_eligible',
      'included_closed',
      'included_no_living_member',
    ])
  })

  it('count deceased or moved persons for a person-level programme, with no list behind them', () => {
    const last = targetingColumns('person').at(-1)
    expect(last).toEqual({ field: 'included_person_not_living', list: null, error: true })
  })

  it('sum every kind of inclusion error', () => {
    const figures: TargetingFigures = {
      region_code: null,
      region_name: null,
      households: 92,
      eligible: 20,
      enrolled: 14,
      excluded: 7,
      included_not_eligible: 1,
      included_closed: 2,
      included_no_living_member: 3,
      included_person_not_living: 4,
    }
    expect(inclusionTotal(figures)).toBe(10)
  })

  it('turn a picked date into the API’s calendar date and back', () => {
    expect(isoDay(new Date(2026, 0, 5))).toBe('2026-01-05')
    expect(isoDay(dayAsDate('2026-11-23'))).toBe('2026-11-23')
  })
})
