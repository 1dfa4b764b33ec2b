import { describe, expect, it } from 'vitest'
import { coverageLevel, depthOf, stepIntoArea, widerRegion } from '../modules/drillDown'

describe('the dashboard’s drill-down', () => {
  it('knows a region’s level from its code', () => {
    expect(depthOf(null)).toBe(0)
    expect(depthOf('33')).toBe(1)
    expect(depthOf('33.02')).toBe(2)
    expect(depthOf('33.02.01')).toBe(3)
    expect(depthOf('33.02.01.2001')).toBe(4)
  })

  it('breaks coverage down by district down to a regency, then by village', () => {
    expect(coverageLevel(null)).toBe('district')
    expect(coverageLevel('33')).toBe('district')
    expect(coverageLevel('33.02')).toBe('district')
    expect(coverageLevel('33.02.01')).toBe('village')
    expect(coverageLevel('33.02.01.2001')).toBe('village')
  })

  it('narrows to a clicked district', () => {
    expect(stepIntoArea('33.02.01', null, true)).toEqual({ kind: 'narrow', region: '33.02.01' })
    expect(stepIntoArea('33.02.01', '33.02', false)).toEqual({
      kind: 'narrow',
      region: '33.02.01',
    })
  })

  it('opens a clicked village’s uncovered households for register readers', () => {
    expect(stepIntoArea('33.02.01.2001', '33.02.01', true)).toEqual({
      kind: 'uncovered',
      region: '33.02.01.2001',
    })
  })

  it('narrows the figures to a clicked village for those who may not read the register', () => {
    expect(stepIntoArea('33.02.01.2001', '33.02.01', false)).toEqual({
      kind: 'narrow',
      region: '33.02.01.2001',
    })
    expect(stepIntoArea('33.02.01.2001', '33.02.01.2001', false)).toEqual({ kind: 'stay' })
  })

  it('climbs one level at a time, never above the working area', () => {
    expect(widerRegion('33.02.01.2001', '33.02')).toBe('33.02.01')
    expect(widerRegion('33.02.01', '33.02')).toBeNull()
    expect(widerRegion('33.02.01', null)).toBe('33.02')
    expect(widerRegion('33', null)).toBeNull()
    expect(widerRegion(null, null)).toBeNull()
  })
})
