import { describe, expect, it } from 'vitest'
import {
  emptyRegistryFilter,
  fromRouteQuery,
  sameSearch,
  toExportFilters,
  toHouseholdQuery,
  toRouteQuery,
} from '../modules/registryFilter'

describe('the register search in the address', () => {
  it('keeps only what differs from the default search', () => {
    expect(toRouteQuery(emptyRegistryFilter())).toEqual({})
    expect(
      toRouteQuery({
        q: ' Muhamad Yusuf ',
        region: '33.02.01',
        desilMin: 1,
        desilMax: 4,
        status: 'all',
      }),
    ).toEqual({
      q: 'Muhamad Yusuf',
      region: '33.02.01',
      desil_min: '1',
      desil_max: '4',
      status: 'all',
    })
  })

  it('comes back as the same search', () => {
    const search = {
      q: 'Joesoef',
      region: '33.02.01.2001',
      desilMin: 2,
      desilMax: null,
      status: 'closed' as const,
    }
    const query = toRouteQuery(search) as Record<string, string>
    expect(fromRouteQuery(query)).toEqual(search)
  })

  it('leaves out what is malformed instead of guessing', () => {
    expect(
      fromRouteQuery({ region: '33.2', desil_min: '0', desil_max: 'ten', status: 'deleted' }),
    ).toEqual(emptyRegistryFilter())
  })

  it('treats searches that differ only in spaces as the same', () => {
    expect(
      sameSearch({ ...emptyRegistryFilter(), q: 'budi ' }, { ...emptyRegistryFilter(), q: 'budi' }),
    ).toBe(true)
  })
})

describe('toHouseholdQuery', () => {
  it('reads a reversed desil range the way it was meant', () => {
    const query = toHouseholdQuery({ ...emptyRegistryFilter(), desilMin: 5, desilMax: 2 })
    expect(query).toMatchObject({ desil_min: 2, desil_max: 5, status: 'active' })
  })
})

describe('the search an export sends', () => {
  it('holds only the filters that narrow it, the desil range in order', () => {
    expect(toExportFilters(emptyRegistryFilter())).toEqual({ status: 'active' })
    expect(
      toExportFilters({
        q: ' Yusuf ',
        region: '33.02.01',
        desilMin: 4,
        desilMax: 1,
        status: 'all',
      }),
    ).toEqual({ q: 'Yusuf', region: '33.02.01', desil_min: 1, desil_max: 4, status: 'all' })
  })
})
