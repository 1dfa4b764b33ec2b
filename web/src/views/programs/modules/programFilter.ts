// The programme list's filter as the reader sets it, and as it travels in the page's address so
// that going back from a programme, reloading or sharing the link shows the same list.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { programStatuses, type ProgramFilter, type ProgramStatus } from '@/api/programs'
import { single } from '@/routeQuery'

export interface ProgramFilterDraft {
  q: string
  agencyId: number | null
  status: ProgramStatus | null
}

export function emptyProgramFilter(): ProgramFilterDraft {
  return { q: '', agencyId: null, status: null }
}

export function toProgramQuery(draft: ProgramFilterDraft): ProgramFilter {
  return { q: draft.q.trim(), agency_id: draft.agencyId, status: draft.status }
}

/** The filter an address describes; anything malformed in it is left out, never guessed. */
export function fromRouteQuery(query: LocationQuery): ProgramFilterDraft {
  const agency = single(query.agency)
  const status = single(query.status)
  return {
    q: single(query.q) ?? '',
    agencyId: agency !== null && /^[1-9]\d{0,9}$/.test(agency) ? Number(agency) : null,
    status: programStatuses.find((known) => known === status) ?? null,
  }
}

/** The address of a filter: only what narrows the list. */
export function toRouteQuery(draft: ProgramFilterDraft): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (draft.q.trim()) query.q = draft.q.trim()
  if (draft.agencyId !== null) query.agency = String(draft.agencyId)
  if (draft.status !== null) query.status = draft.status
  return query
}
