// The Proxy Means Test estimate (estimasi PMT, docs/pmt.md): one household's official desil
// beside its estimate with the attributes that moved it most, the households whose two desil
// disagree, and the runs that estimate the whole register. Shapes come from the generated
// contract (schema.d.ts, from ../api/openapi.yaml).
import { http } from './http'
import type { components } from './schema'
import type { Page, PageRequest } from './types'

type Schemas = components['schemas']

export type HouseholdPmt = Schemas['HouseholdPmt']
export type PmtEstimate = NonNullable<HouseholdPmt['estimate']>
export type PmtOfficialDesil = NonNullable<HouseholdPmt['official']>
export type PmtContribution = Schemas['PmtContribution']
export type PmtVariable = Schemas['PmtVariable']
export type PmtDisagreement = Schemas['PmtDisagreement']
export type PmtRun = Schemas['PmtRun']

/** Which desil counts for a household: the official one wherever it exists. */
export type PmtAuthority = HouseholdPmt['authoritative']

export interface DisagreementFilter {
  /** A region code at any level; null for the caller's whole area. */
  region?: string | null
  /** The smallest difference in desil listed, 1–9 (the server's default is 2). */
  min_gap?: number | null
}

// ---- Reading (policy action pmt.read) ----------------------------------------------------------

export function getHouseholdPmt(householdId: number): Promise<HouseholdPmt> {
  return http.get<HouseholdPmt>(`/api/v1/households/${householdId}/pmt`)
}

export function listDisagreements(
  filter: DisagreementFilter,
  paging: PageRequest = {},
): Promise<Page<PmtDisagreement>> {
  return http.get<Page<PmtDisagreement>>('/api/v1/registry/pmt/disagreements', {
    ...filter,
    ...paging,
  })
}

// ---- Runs (policy action pmt.run) --------------------------------------------------------------

/** Queues a run over the whole register; a run already queued or running is refused (409). */
export function startRun(): Promise<PmtRun> {
  return http.post<PmtRun>('/api/v1/registry/pmt/runs')
}

export function getRun(id: number): Promise<PmtRun> {
  return http.get<PmtRun>(`/api/v1/registry/pmt/runs/${id}`)
}

/** Runs, newest first. */
export function listRuns(paging: PageRequest = {}): Promise<Page<PmtRun>> {
  return http.get<Page<PmtRun>>('/api/v1/registry/pmt/runs', { ...paging })
}
