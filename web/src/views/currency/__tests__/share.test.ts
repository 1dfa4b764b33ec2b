import { describe, expect, it } from 'vitest'
import { formatPercent } from '@/format'
import { shareLevel } from '../modules/share'

describe('a village’s share of recently verified households', () => {
  it('is low below half, medium from half, high from four in five', () => {
    expect(shareLevel(0)).toBe('low')
    expect(shareLevel(0.499)).toBe('low')
    expect(shareLevel(0.5)).toBe('medium')
    expect(shareLevel(0.799)).toBe('medium')
    expect(shareLevel(0.8)).toBe('high')
    expect(shareLevel(1)).toBe('high')
  })

  it('reads as a whole percentage in either language', () => {
    expect(formatPercent(0.333, 'id')).toMatch(/^33\s?%$/)
    expect(formatPercent(0.667, 'en')).toBe('67%')
  })
})
