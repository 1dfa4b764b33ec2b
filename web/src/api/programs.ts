// Programmes (program bantuan) of the agencies: the programmes themselves with their eligibility
// rule, the rule's preview and explanation, enrolment of households or persons with its lifecycle,
// and aid per stage (tahap) with the frozen payment or delivery lists. Shapes come from the
// generated contract (schema.d.ts, from ../api/openapi.yaml); the rule itself is plain JSON in the
// language of docs/eligibility-rules.md, which the contract leaves open.
import { http, upload, type UploadProgress } from './http'
import type { components } from './schema'
import type { Page, PageRequest, ResponseBody } from './types'

type Schemas = components['schemas']

/** A rule in the eligibility language: any JSON object the server validates. */
export type RuleJson = { [key: string]: unknown }

export type ProgramStatus = Schemas['ProgramStatus']
export type BenefitType = Schemas['BenefitType']
export type TargetLevel = Schemas['TargetLevel']
export type ProgramStage = Schemas['ProgramStage']
export type ProgramStageInput = Schemas['ProgramStageInput']

export type Program = Omit<
  ResponseBody<'/api/v1/programs/{id}', 'get', 200>,
  'eligibility_rule'
> & {
  eligibility_rule: RuleJson
}
export type NewProgram = Omit<Schemas['CreateProgramRequest'], 'eligibility_rule'> & {
  eligibility_rule?: RuleJson
}
export type ProgramChanges = Omit<Schemas['UpdateProgramRequest'], 'eligibility_rule'> & {
  eligibility_rule?: RuleJson
}

export type EligibilityPreview = Schemas['EligibilityPreview']
export type EligibleHousehold = Schemas['EligibleHousehold']
export type EligibilityVerdict = Schemas['EligibilityVerdict']
export type LocalizedText = Schemas['LocalizedText']

export type EnrolmentStatus = Schemas['EnrolmentStatus']
export type Enrolment = Schemas['Enrolment']
export type EnrolmentSource = Enrolment['source']
export type EnrolmentTarget = Schemas['EnrolmentTransition']['to']
export type BulkEnrolResult = Schemas['BulkEnrolResult']
export type BulkEnrolRow = Schemas['BulkEnrolRow']
export type HouseholdProgramme = Schemas['HouseholdProgramme']

export type DisbursementStatus = Schemas['DisbursementStatus']
export type Disbursement = Schemas['Disbursement']
export type DisbursementUpdate = Schemas['DisbursementUpdate']
export type DisbursementOutcome = DisbursementUpdate['status']
export type StageSummary = Schemas['StageSummary']
export type StageTotals = Schemas['StageTotals']
export type StageResultsReport = Schemas['StageResultsReport']

// Written as records so that the compiler notices when the contract adds or drops a value.
const programStatusSet: Record<ProgramStatus, true> = { draft: true, active: true, closed: true }
const benefitTypeSet: Record<BenefitType, true> = {
  cash: true,
  in_kind: true,
  service: true,
  training: true,
  insurance_premium: true,
  housing: true,
  business_capital: true,
}
const targetLevelSet: Record<TargetLevel, true> = { household: true, person: true }
const enrolmentStatusSet: Record<EnrolmentStatus, true> = {
  proposed: true,
  verified: true,
  active: true,
  graduated: true,
  exited: true,
}
const disbursementStatusSet: Record<DisbursementStatus, true> = {
  planned: true,
  paid: true,
  failed: true,
  returned: true,
}

export const programStatuses = Object.keys(programStatusSet) as ProgramStatus[]
export const benefitTypes = Object.keys(benefitTypeSet) as BenefitType[]
export const targetLevels = Object.keys(targetLevelSet) as TargetLevel[]
export const enrolmentStatuses = Object.keys(enrolmentStatusSet) as EnrolmentStatus[]
export const disbursementStatuses = Object.keys(disbursementStatusSet) as DisbursementStatus[]

// ---- Programmes ---------------------------------------------------------------------------------

export interface ProgramFilter {
  /** Matched against code, SIPD code and name. */
  q?: string
  agency_id?: number | null
  status?: ProgramStatus | null
}

// The server's ETag for a programme is its version in quotes; a change names the one it was based on.
function basedOn(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` }
}

export function listPrograms(filter: ProgramFilter & PageRequest = {}): Promise<Page<Program>> {
  return http.get<Page<Program>>('/api/v1/programs', { ...filter })
}

const largestPage = 500

/** Every programme matching the filter, following `next` to the end: for pickers, not tables. */
export async function listAllPrograms(filter: ProgramFilter = {}): Promise<Program[]> {
  const all: Program[] = []
  let cursor: string | null = null
  do {
    const page: Page<Program> = await listPrograms({ ...filter, limit: largestPage, cursor })
    all.push(...page.items)
    cursor = page.next
  } while (cursor)
  return all
}

export function getProgram(id: number): Promise<Program> {
  return http.get<Program>(`/api/v1/programs/${id}`)
}

export function createProgram(program: NewProgram): Promise<Program> {
  return http.post<Program>('/api/v1/programs', program)
}

/** Changes the given fields if the programme is still at `version`; fails as changed meanwhile otherwise. */
export function updateProgram(
  id: number,
  version: number,
  changes: ProgramChanges,
): Promise<Program> {
  return http.patch<Program>(`/api/v1/programs/${id}`, changes, basedOn(version))
}

// ---- Eligibility --------------------------------------------------------------------------------

export interface PreviewOptions {
  /** Only households under this region (any level). */
  region?: string | null
  /** The date ages are computed on; today unless given. */
  as_of?: string | null
  /** How many of the eligible households to list (0–100). */
  limit?: number
}

/** How many active households `rule` selects, and the first of them with the reasons. */
export function previewEligibility(
  rule: RuleJson,
  options: PreviewOptions = {},
): Promise<EligibilityPreview> {
  const body: Record<string, unknown> = { eligibility_rule: rule }
  if (options.region) body.region = options.region
  if (options.as_of) body.as_of = options.as_of
  if (options.limit !== undefined) body.limit = options.limit
  return http.post<EligibilityPreview>('/api/v1/programs/eligibility-preview', body)
}

export function explainEligibility(
  programId: number,
  householdId: number,
): Promise<EligibilityVerdict> {
  return http.get<EligibilityVerdict>(`/api/v1/programs/${programId}/eligibility/${householdId}`)
}

// ---- Enrolments ---------------------------------------------------------------------------------

export interface EnrolmentFilter {
  status?: EnrolmentStatus | null
  region?: string | null
}

export function listEnrolments(
  programId: number,
  filter: EnrolmentFilter & PageRequest = {},
): Promise<Page<Enrolment>> {
  return http.get<Page<Enrolment>>(`/api/v1/programs/${programId}/enrolments`, { ...filter })
}

/** Proposes every active household the programme's rule selects (household-level programmes). */
export function enrolEligible(
  programId: number,
  reason: string,
  options: { region?: string | null } = {},
): Promise<BulkEnrolResult> {
  const body: Record<string, unknown> = { source: 'eligible', reason }
  if (options.region) body.region = options.region
  return http.post<BulkEnrolResult>(`/api/v1/programs/${programId}/enrolments/bulk`, body)
}

/** Proposes the holders of the given NIKs or KK numbers; the report lists every row not enrolled. */
export function enrolFromList(
  programId: number,
  identifiers: readonly string[],
  reason: string,
): Promise<BulkEnrolResult> {
  return http.post<BulkEnrolResult>(`/api/v1/programs/${programId}/enrolments/bulk`, {
    source: 'list',
    identifiers,
    reason,
  })
}

export function transitionEnrolment(
  enrolmentId: number,
  to: EnrolmentTarget,
  reason: string,
): Promise<Enrolment> {
  return http.post<Enrolment>(`/api/v1/enrolments/${enrolmentId}/transition`, { to, reason })
}

/** Every programme the household takes part in (all statuses, newest first) with the aid paid. */
export async function listHouseholdProgrammes(householdId: number): Promise<HouseholdProgramme[]> {
  const answer = await http.get<{ items: HouseholdProgramme[] }>(
    `/api/v1/households/${householdId}/programs`,
  )
  return answer.items
}

// ---- Stages and disbursements -------------------------------------------------------------------

export function getStage(programId: number, stageNumber: number): Promise<StageSummary> {
  return http.get<StageSummary>(`/api/v1/programs/${programId}/stages/${stageNumber}`)
}

export function freezeStage(programId: number, stageNumber: number): Promise<StageSummary> {
  return http.post<StageSummary>(`/api/v1/programs/${programId}/stages/${stageNumber}/freeze`)
}

export function listDisbursements(
  programId: number,
  stageNumber: number,
  filter: { status?: DisbursementStatus | null } & PageRequest = {},
): Promise<Page<Disbursement>> {
  return http.get<Page<Disbursement>>(
    `/api/v1/programs/${programId}/stages/${stageNumber}/disbursements`,
    { ...filter },
  )
}

export function recordDisbursement(id: number, update: DisbursementUpdate): Promise<Disbursement> {
  return http.patch<Disbursement>(`/api/v1/disbursements/${id}`, update)
}

/**
 * Records a frozen stage's results from a CSV file (docs/formats/stage-results.md): all rows or
 * none, or with `partial` the valid rows only. The report says what was recorded and why rows were not.
 */
export function importStageResults(
  programId: number,
  stageNumber: number,
  file: Blob,
  partial: boolean,
  onProgress?: (progress: UploadProgress) => void,
): Promise<StageResultsReport> {
  return upload<StageResultsReport>(
    `/api/v1/programs/${programId}/stages/${stageNumber}/results`,
    file,
    { query: { partial }, contentType: 'text/csv', onProgress },
  )
}
