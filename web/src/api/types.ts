// Names for the API's shapes, taken from the generated contract (schema.d.ts, from
// ../api/openapi.yaml) by path and method, so they do not depend on how its components are named.
import type { paths } from './schema'

type JsonOf<Content> = Content extends { 'application/json': infer Body } ? Body : never

/** The JSON body a successful (`status`) response of `method` on `path` carries. */
export type ResponseBody<
  Path extends keyof paths,
  Method extends keyof paths[Path],
  Status extends number,
> = paths[Path][Method] extends { responses: infer Responses }
  ? Status extends keyof Responses
    ? Responses[Status] extends { content: infer Content }
      ? JsonOf<Content>
      : never
    : never
  : never

/** The JSON body `method` on `path` accepts. */
export type RequestBody<
  Path extends keyof paths,
  Method extends keyof paths[Path],
> = paths[Path][Method] extends { requestBody?: infer Body }
  ? NonNullable<Body> extends { content: infer Content }
    ? JsonOf<Content>
    : never
  : never

export type Session = ResponseBody<'/api/v1/auth/me', 'get', 200>
export type User = ResponseBody<'/api/v1/users/{id}', 'get', 200>
export type Role = User['role']
export type NewUser = RequestBody<'/api/v1/users', 'post'>
export type UserChanges = RequestBody<'/api/v1/users/{id}', 'patch'>

export type Agency = ResponseBody<'/api/v1/agencies/{id}', 'get', 200>
export type AgencyKind = Agency['kind']
export type NewAgency = RequestBody<'/api/v1/agencies', 'post'>
export type AgencyChanges = RequestBody<'/api/v1/agencies/{id}', 'patch'>

export type RegionDetail = ResponseBody<'/api/v1/regions/{code}', 'get', 200>
export type Region = Omit<RegionDetail, 'ancestors'>
export type RegionLevel = Region['level']

export type AuditEntry = ResponseBody<'/api/v1/audit', 'get', 200>['items'][number]
export type AuditOutcome = AuditEntry['outcome']

/** One page of a list: `total` counts every match of the filter, `next` fetches the next page. */
export interface Page<Item> {
  items: Item[]
  total: number
  next: string | null
}

/** Cursor paging, identical on every list endpoint. */
export interface PageRequest {
  limit?: number
  cursor?: string | null
}

// Written as records so that the compiler notices when the contract adds or drops a value.
const roleSet: Record<Role, true> = {
  admin: true,
  coordinator: true,
  agency_head: true,
  agency_staff: true,
  registry_operator: true,
  village_operator: true,
  ngo_partner: true,
  facilitator: true,
  auditor: true,
}
const agencyKindSet: Record<AgencyKind, true> = {
  bappeda: true,
  dinas: true,
  ngo: true,
  kecamatan: true,
  desa: true,
}
const regionLevelSet: Record<RegionLevel, true> = {
  province: true,
  regency: true,
  district: true,
  village: true,
}
const auditOutcomeSet: Record<AuditOutcome, true> = { success: true, failure: true, denied: true }

export const roles = Object.keys(roleSet) as Role[]
export const agencyKinds = Object.keys(agencyKindSet) as AgencyKind[]
export const regionLevels = Object.keys(regionLevelSet) as RegionLevel[]
export const auditOutcomes = Object.keys(auditOutcomeSet) as AuditOutcome[]
