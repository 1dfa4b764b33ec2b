import { describe, expect, it } from 'vitest'
import { roleCan } from '@/access'
import { roles } from '@/api/types'
import { translatorIn } from '@/registerVocabulary'
import {
  contributionValue,
  directionOf,
  formatEffect,
  formatGap,
  gapKind,
} from '../modules/pmtFormat'

const indonesian = translatorIn('id')
const english = translatorIn('en')

describe('a contributing attribute’s value', () => {
  it('reads a code as the register names it, in the reader’s language', () => {
    expect(contributionValue(indonesian, 'floor_material', 'tanah')).toBe('Tanah')
    expect(contributionValue(english, 'floor_material', 'tanah')).toBe('Earth')
  })

  it('reads the head’s education in the codes of a member’s education level', () => {
    expect(contributionValue(indonesian, 'head_education', 'smp')).toBe('SMP/sederajat')
  })

  it('reads a flag as yes or no, whether it came as a boolean or as 0/1', () => {
    expect(contributionValue(indonesian, 'has_car', true)).toBe('Ya')
    expect(contributionValue(indonesian, 'has_motorcycle', false)).toBe('Tidak')
    expect(contributionValue(english, 'has_refrigerator', 1)).toBe('Yes')
    expect(contributionValue(english, 'has_gold', 0)).toBe('No')
  })

  it('writes numbers with their unit and at most one decimal', () => {
    expect(contributionValue(indonesian, 'household_size', 6)).toBe('6 orang')
    expect(contributionValue(indonesian, 'floor_area_per_capita', 9.4666)).toBe('9,5 m² per orang')
    expect(contributionValue(english, 'floor_area_per_capita', 9.4666)).toBe('9.5 m² per person')
    expect(contributionValue(indonesian, 'electricity_va', 1300)).toBe('1.300 VA')
    expect(contributionValue(indonesian, 'goat_count', 3)).toBe('3 ekor')
    expect(contributionValue(english, 'members_working', 2)).toBe('2 people')
  })

  it('writes the share of dependants as a percentage', () => {
    expect(contributionValue(indonesian, 'dependants_share', 0.5)).toBe('50%')
    expect(contributionValue(english, 'dependants_share', 2 / 3)).toBe('67%')
  })

  it('shows a variable this UI does not know as it came', () => {
    expect(contributionValue(indonesian, 'solar_panels', 2)).toBe('2')
    expect(contributionValue(indonesian, 'floor_material', 'batu_alam')).toBe('batu_alam')
  })
})

describe('a contribution’s effect', () => {
  it('carries its sign and one decimal', () => {
    expect(formatEffect(12.5, 'id')).toBe('+12,5%')
    expect(formatEffect(-18.1, 'en')).toBe('-18.1%')
    expect(formatEffect(0, 'en')).toBe('0%')
  })

  it('points up when the household looks better off, down when poorer', () => {
    expect(directionOf(0.12)).toBe('up')
    expect(directionOf(-0.2)).toBe('down')
    expect(directionOf(0)).toBe('none')
  })
})

describe('the gap between the official desil and the estimate', () => {
  it('is a disagreement from two desil apart, either way', () => {
    expect(gapKind(2)).toBe('far')
    expect(gapKind(-5)).toBe('far')
    expect(gapKind(1)).toBe('near')
    expect(gapKind(-1)).toBe('near')
    expect(gapKind(0)).toBe('same')
  })

  it('is nothing to speak of while one of the two is missing', () => {
    expect(gapKind(null)).toBe('none')
    expect(gapKind(undefined)).toBe('none')
  })

  it('is written with its sign', () => {
    expect(formatGap(3)).toBe('+3')
    expect(formatGap(-4)).toBe('−4')
    expect(formatGap(0)).toBe('0')
  })
})

describe('who meets the PMT estimate', () => {
  it('is read by whoever reads the register, never by NGO partners or auditors', () => {
    expect(roles.filter((role) => roleCan(role, 'pmt.read'))).toEqual(
      roles.filter((role) => roleCan(role, 'registry.read')),
    )
    expect(roleCan('ngo_partner', 'pmt.read')).toBe(false)
    expect(roleCan('auditor', 'pmt.read')).toBe(false)
  })

  it('is recomputed only by the secretariat and registry operators', () => {
    expect(roles.filter((role) => roleCan(role, 'pmt.run')).sort()).toEqual([
      'admin',
      'registry_operator',
    ])
  })
})
