// A programme's targeting figures (ketepatan sasaran) as the targeting page's columns: which
// figure each column shows and which household list stands behind it.
import type { TargetingFigures, TargetingList } from '@/api/analytics'

export type TargetingField = Exclude<keyof TargetingFigures, 'region_code' | 'region_name'>

export interface TargetingColumn {
  field: TargetingField
  /** The list behind the figure; null where the server offers none. */
  list: TargetingList | null
  /** Exclusion and inclusion errors are what the page is about: they stand out. */
  error: boolean
}

const householdColumns: readonly TargetingColumn[] = [
  { field: 'households', list: null, error: false },
  { field: 'eligible', list: 'eligible', error: false },
  { field: 'enrolled', list: 'enrolled', error: false },
  { field: 'excluded', list: 'excluded', error: true },
  { field: 'included_not_eligible', list: 'not_eligible', error: true },
  { field: 'included_closed', list: 'closed', error: true },
]

/**
 * The columns for a programme of `targetLevel`: a household-level programme counts enrolled
 * households without a living member, a person-level one enrolled persons who died or moved out
 * (counted per person, with no household list behind the figure).
 */
export function targetingColumns(targetLevel: string): TargetingColumn[] {
  const last: TargetingColumn =
    targetLevel === 'person'
      ? { field: 'included_person_not_living', list: null, error: true }
      : { field: 'included_no_living_member', list: 'no_living_member', error: true }
  return [...householdColumns, last]
}

/** All inclusion errors of an area, summed: enrolled but not eligible, closed or not living. */
export function inclusionTotal(figures: TargetingFigures): number {
  return (
    figures.included_not_eligible +
    figures.included_closed +
    figures.included_no_living_member +
    figures.included_person_not_living
  )
}

/** A Date from a date picker as the API's calendar date (YYYY-MM-DD), in the reader's time zone. */
export function isoDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0')
  const day = String(date.getDate()).padStart(2, '0')
  return `${date.getFullYear()}-${month}-${day}`
}

/** The API's calendar date as a Date at local midnight, for a date picker. */
export function dayAsDate(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number)
  return new Date(year!, month! - 1, day!)
}
