import { http } from './http'
import type { Agency, AgencyChanges, AgencyKind, NewAgency, Page, PageRequest } from './types'

export interface AgencyFilter {
  q?: string
  kind?: AgencyKind | null
  active?: boolean | null
}

export function listAgencies(filter: AgencyFilter & PageRequest = {}): Promise<Page<Agency>> {
  return http.get<Page<Agency>>('/api/v1/agencies', { ...filter })
}

const largestPage = 500

/** Every agency matching the filter, following `next` until the end: for pickers, not tables. */
export async function listAllAgencies(filter: AgencyFilter = {}): Promise<Agency[]> {
  const all: Agency[] = []
  let cursor: string | null = null
  do {
    const page: Page<Agency> = await listAgencies({ ...filter, limit: largestPage, cursor })
    all.push(...page.items)
    cursor = page.next
  } while (cursor)
  return all
}

export function getAgency(id: number): Promise<Agency> {
  return http.get<Agency>(`/api/v1/agencies/${id}`)
}

export function createAgency(agency: NewAgency): Promise<Agency> {
  return http.post<Agency>('/api/v1/agencies', agency)
}

export function updateAgency(id: number, changes: AgencyChanges): Promise<Agency> {
  return http.patch<Agency>(`/api/v1/agencies/${id}`, changes)
}
