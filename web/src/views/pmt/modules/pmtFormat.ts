// How a Proxy Means Test estimate reads (docs/pmt.md): a contributing attribute's value as the
// register writes it (a code's label, yes/no, a number with its unit), its effect as a signed
// percentage, and how far apart the official desil and the estimate are. Shared by the household
// page's section and the list of disagreements.
import type { PmtContribution, PmtVariable } from '@/api/pmt'
import type { Language } from '@/locales'
import { codeLabel, noValue, type Translator } from '@/registerVocabulary'

const localeTags: Record<Language, string> = { id: 'id-ID', en: 'en-GB' }

/** From this many desil apart, the official desil and the estimate are called a disagreement. */
export const disagreementGap = 2

/** How a variable's value is written: a code of a register field, yes/no, or a number with a unit. */
type ValueKind =
  | { kind: 'code'; field: string }
  | { kind: 'flag' }
  | { kind: 'number'; unit: 'va' | 'm2' | 'm2PerPerson' | 'animals' | 'people' | null }
  | { kind: 'share' }

// Written as a record so that the compiler notices a variable the contract adds or drops.
const valueKinds: Record<PmtVariable, ValueKind> = {
  floor_material: { kind: 'code', field: 'floor_material' },
  wall_material: { kind: 'code', field: 'wall_material' },
  roof_material: { kind: 'code', field: 'roof_material' },
  water_source: { kind: 'code', field: 'water_source' },
  lighting: { kind: 'code', field: 'lighting' },
  cooking_fuel: { kind: 'code', field: 'cooking_fuel' },
  toilet: { kind: 'code', field: 'toilet' },
  house_ownership: { kind: 'code', field: 'house_ownership' },
  land_ownership: { kind: 'code', field: 'land_ownership' },
  // The head's highest schooling, in the codes of a member's education level.
  head_education: { kind: 'code', field: 'education_level' },
  electricity_va: { kind: 'number', unit: 'va' },
  floor_area_m2: { kind: 'number', unit: 'm2' },
  floor_area_per_capita: { kind: 'number', unit: 'm2PerPerson' },
  cattle_count: { kind: 'number', unit: 'animals' },
  goat_count: { kind: 'number', unit: 'animals' },
  poultry_count: { kind: 'number', unit: 'animals' },
  household_size: { kind: 'number', unit: 'people' },
  members_working: { kind: 'number', unit: 'people' },
  dependants_share: { kind: 'share' },
  has_motorcycle: { kind: 'flag' },
  has_car: { kind: 'flag' },
  has_refrigerator: { kind: 'flag' },
  has_air_conditioner: { kind: 'flag' },
  has_gold: { kind: 'flag' },
  has_land: { kind: 'flag' },
  has_computer: { kind: 'flag' },
}

function formatNumber(value: number, language: Language, fractionDigits: number): string {
  return new Intl.NumberFormat(localeTags[language], {
    maximumFractionDigits: fractionDigits,
  }).format(value)
}

/**
 * The household's value of a contributing variable as a person reads it: "Tanah", "Ya",
 * "900 VA", "4 orang", "9,5 m²/orang", "50%". A variable this UI does not know shows as it came.
 */
export function contributionValue(
  translator: Translator,
  variable: string,
  value: PmtContribution['value'],
): string {
  const language = translator.language()
  const spec = valueKinds[variable as PmtVariable] as ValueKind | undefined
  if (value === '' || value === null || value === undefined) return noValue
  if (!spec) return String(value)
  switch (spec.kind) {
    case 'code':
      return codeLabel(translator, spec.field, String(value))
    case 'flag':
      // Stored flags may travel as 0/1 as well as true/false.
      return translator.t(value === true || value === 1 ? 'common.yes' : 'common.no')
    case 'share':
      return typeof value === 'number'
        ? new Intl.NumberFormat(localeTags[language], {
            style: 'percent',
            maximumFractionDigits: 0,
          }).format(value)
        : String(value)
    case 'number': {
      if (typeof value !== 'number') return String(value)
      const number = formatNumber(value, language, 1)
      return spec.unit ? translator.t(`pmt.units.${spec.unit}`, { value: number }) : number
    }
  }
}

/** Which way a term moved the estimate: up (better off), down (poorer), or not at all. */
export type Direction = 'up' | 'down' | 'none'

export function directionOf(contribution: number): Direction {
  if (contribution > 0) return 'up'
  if (contribution < 0) return 'down'
  return 'none'
}

/** An effect in percent with its sign, as the household page shows it: "+12,5%", "−8%". */
export function formatEffect(effectPercent: number, language: Language): string {
  return new Intl.NumberFormat(localeTags[language], {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(effectPercent / 100)
}

/**
 * How far the estimate is from the official desil: `none` when one of them is missing, `same`,
 * `near` (one desil apart) or `far` (a disagreement worth a field visit).
 */
export type GapKind = 'none' | 'same' | 'near' | 'far'

export function gapKind(gap: number | null | undefined): GapKind {
  if (gap === null || gap === undefined) return 'none'
  const distance = Math.abs(gap)
  if (distance === 0) return 'same'
  return distance >= disagreementGap ? 'far' : 'near'
}

/** A gap with its sign, as the list of disagreements shows it: "+3", "−4". */
export function formatGap(gap: number): string {
  if (gap > 0) return `+${gap}`
  if (gap < 0) return `−${Math.abs(gap)}`
  return '0'
}
