import { describe, expect, it } from 'vitest'
import {
  defaultDisagreementFilter,
  fromRouteQuery,
  toDisagreementQuery,
  toRouteQuery,
} from '../modules/disagreementFilter'

describe('the list of disagreements in the address', () => {
  it('starts at two desil apart over the whole area, with a clean address', () => {
    expect(defaultDisagreementFilter()).toEqual({ region: null, minGap: 2 })
    expect(toRouteQuery(defaultDisagreementFilter())).toEqual({})
  })

  it('comes back as the same list', () => {
    const filter = { region: '33.02.01', minGap: 4 }
    const query = toRouteQuery(filter) as Record<string, string>
    expect(query).toEqual({ region: '33.02.01', min_gap: '4' })
    expect(fromRouteQuery(query)).toEqual(filter)
  })

  it('leaves out what is malformed or outside 1–9 instead of guessing', () => {
    expect(fromRouteQuery({ region: '33.2', min_gap: '0' })).toEqual(defaultDisagreementFilter())
    expect(fromRouteQuery({ min_gap: '10' }).minGap).toBe(2)
    expect(fromRouteQuery({ min_gap: '2.5' }).minGap).toBe(2)
    expect(fromRouteQuery({ min_gap: '1' }).minGap).toBe(1)
    expect(fromRouteQuery({ min_gap: '9' }).minGap).toBe(9)
  })

  it('asks the API for the area and the smallest gap', () => {
    expect(toDisagreementQuery({ region: '33.02', minGap: 3 })).toEqual({
      region: '33.02',
      min_gap: 3,
    })
  })
})
