// The coordinator's analytics (issue 4, items 6 and 7): figures about programmes and the register
// (overview, overlap between programmes, duplicate benefits, coverage of desil 1–4, a programme's
// exclusion and inclusion), which carry no personal data, and the household lists behind them,
// which do and need `registry.read`. Shapes come from the generated contract (schema.d.ts, from
// ../api/openapi.yaml).
import { http } from './http'
import type { components } from './schema'
import type { Page, PageRequest } from './types'

type Schemas = components['schemas']

export type AnalyticsOverview = Schemas['AnalyticsOverview']
export type ProgramFigures = AnalyticsOverview['programs'][number]
export type AgencyFigures = AnalyticsOverview['agencies'][number]
export type AnalyticsSnapshot = Schemas['AnalyticsSnapshot']
export type AnalyticsProgram = Schemas['AnalyticsProgram']
export type OverlapMatrix = Schemas['OverlapMatrix']
export type DuplicateBenefit = Schemas['DuplicateBenefits']['items'][number]
export type Coverage = Schemas['Coverage']
export type CoverageFigures = Schemas['CoverageFigures']
export type ProgramTargeting = Schemas['ProgramTargeting']
export type TargetingFigures = Schemas['TargetingFigures']
export type AnalyticsHousehold = Schemas['AnalyticsHouseholdPage']['items'][number]
export type HouseholdBenefitYear = Schemas['HouseholdBenefits']['years'][number]
export type HouseholdBenefitLine = HouseholdBenefitYear['programs'][number]

/** The level of the areas a figure is broken down by. */
export type AreaLevel = 'regency' | 'district' | 'village'

/** The lists behind a programme's targeting figures. */
export type TargetingList =
  'eligible' | 'enrolled' | 'excluded' | 'not_eligible' | 'closed' | 'no_living_member'

const targetingListSet: Record<TargetingList, true> = {
  eligible: true,
  enrolled: true,
  excluded: true,
  not_eligible: true,
  closed: true,
  no_living_member: true,
}
export const targetingLists = Object.keys(targetingListSet) as TargetingList[]

export function isTargetingList(value: unknown): value is TargetingList {
  return typeof value === 'string' && value in targetingListSet
}

/** A region code at any level (33.02, 33.02.01, 33.02.01.2001); null for the caller's whole area. */
export type RegionFilter = string | null

// ---- Figures (policy action analytics.figures) -----------------------------------------------

export function getOverview(region: RegionFilter = null): Promise<AnalyticsOverview> {
  return http.get<AnalyticsOverview>('/api/v1/analytics/overview', { region })
}

export function getOverlap(
  region: RegionFilter = null,
  programIds: readonly number[] = [],
): Promise<OverlapMatrix> {
  return http.get<OverlapMatrix>('/api/v1/analytics/overlap', {
    region,
    programs: programIds.length > 0 ? programIds.join(',') : null,
  })
}

export async function getDuplicateBenefits(
  region: RegionFilter = null,
): Promise<DuplicateBenefit[]> {
  const body = await http.get<{ items: DuplicateBenefit[] }>(
    '/api/v1/analytics/duplicate-benefits',
    { region },
  )
  return body.items
}

export function getCoverage(region: RegionFilter, groupBy: AreaLevel): Promise<Coverage> {
  return http.get<Coverage>('/api/v1/analytics/coverage', { region, group_by: groupBy })
}

export function getSnapshot(): Promise<AnalyticsSnapshot> {
  return http.get<AnalyticsSnapshot>('/api/v1/analytics/snapshot')
}

export interface TargetingFilter {
  region?: RegionFilter
  group_by?: AreaLevel
  /** The day the rule is evaluated on (YYYY-MM-DD); today when absent. */
  as_of?: string | null
}

export function getProgramTargeting(
  programId: number,
  filter: TargetingFilter = {},
): Promise<ProgramTargeting> {
  return http.get<ProgramTargeting>(`/api/v1/programs/${programId}/targeting`, { ...filter })
}

// ---- The lists behind the figures (policy action registry.read) ------------------------------

export function listOverlapHouseholds(
  programA: number,
  programB: number,
  region: RegionFilter,
  paging: PageRequest = {},
): Promise<Page<AnalyticsHousehold>> {
  return http.get<Page<AnalyticsHousehold>>('/api/v1/analytics/overlap/households', {
    a: programA,
    b: programB,
    region,
    ...paging,
  })
}

export function listDuplicateBenefitHouseholds(
  benefitType: string,
  region: RegionFilter,
  paging: PageRequest = {},
): Promise<Page<AnalyticsHousehold>> {
  return http.get<Page<AnalyticsHousehold>>('/api/v1/analytics/duplicate-benefits/households', {
    benefit_type: benefitType,
    region,
    ...paging,
  })
}

export function listUncoveredHouseholds(
  region: RegionFilter,
  paging: PageRequest = {},
): Promise<Page<AnalyticsHousehold>> {
  return http.get<Page<AnalyticsHousehold>>('/api/v1/analytics/coverage/uncovered', {
    region,
    ...paging,
  })
}

export function listTargetingHouseholds(
  programId: number,
  list: TargetingList,
  filter: { region?: RegionFilter; as_of?: string | null },
  paging: PageRequest = {},
): Promise<Page<AnalyticsHousehold>> {
  return http.get<Page<AnalyticsHousehold>>(`/api/v1/programs/${programId}/targeting/households`, {
    list,
    ...filter,
    ...paging,
  })
}

/** What a household received per year, per programme (the server lists the years oldest first). */
export async function getHouseholdBenefits(householdId: number): Promise<HouseholdBenefitYear[]> {
  const body = await http.get<{ years: HouseholdBenefitYear[] }>(
    `/api/v1/households/${householdId}/benefits`,
  )
  return body.years
}
