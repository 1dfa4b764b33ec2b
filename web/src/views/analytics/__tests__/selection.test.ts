import { describe, expect, it } from 'vitest'
import {
  dateFrom,
  idFrom,
  overlapSelectionFrom,
  targetingSelectionFrom,
  uncoveredListOpen,
} from '../modules/selection'

describe('the household list an analytics address opens', () => {
  it('opens an overlap cell only for two programme ids', () => {
    expect(overlapSelectionFrom({ a: '1', b: '2' })).toEqual({ kind: 'cell', a: 1, b: 2 })
    expect(overlapSelectionFrom({ a: '3', b: '3' })).toEqual({ kind: 'cell', a: 3, b: 3 })
    expect(overlapSelectionFrom({ a: '1' })).toBeNull()
    expect(overlapSelectionFrom({ a: '1', b: '0' })).toBeNull()
    expect(overlapSelectionFrom({ a: '1', b: '2x' })).toBeNull()
    expect(overlapSelectionFrom({})).toBeNull()
  })

  it('opens the households receiving one benefit type twice', () => {
    expect(overlapSelectionFrom({ benefit_type: 'insurance_premium' })).toEqual({
      kind: 'benefit',
      benefitType: 'insurance_premium',
    })
    expect(overlapSelectionFrom({ benefit_type: '<script>' })).toBeNull()
  })

  it('takes the first of repeated parameters', () => {
    expect(idFrom(['7', '8'])).toBe(7)
    expect(idFrom(null)).toBeNull()
  })

  it('opens the uncovered list only when asked for by name', () => {
    expect(uncoveredListOpen({ list: 'uncovered' })).toBe(true)
    expect(uncoveredListOpen({ list: 'excluded' })).toBe(false)
    expect(uncoveredListOpen({})).toBe(false)
  })

  it('opens a targeting list of a known kind, for an area when it is a region code', () => {
    expect(targetingSelectionFrom({ list: 'excluded', area: '33.02.01.2001' })).toEqual({
      list: 'excluded',
      area: '33.02.01.2001',
    })
    expect(targetingSelectionFrom({ list: 'not_eligible' })).toEqual({
      list: 'not_eligible',
      area: null,
    })
    expect(targetingSelectionFrom({ list: 'excluded', area: 'Cirahab' })).toEqual({
      list: 'excluded',
      area: null,
    })
    expect(targetingSelectionFrom({ list: 'everyone' })).toBeNull()
  })

  it('accepts only calendar dates that exist', () => {
    expect(dateFrom('2026-02-28')).toBe('2026-02-28')
    expect(dateFrom('2026-02-30')).toBeNull()
    expect(dateFrom('28-02-2026')).toBeNull()
    expect(dateFrom(undefined)).toBeNull()
  })
})
