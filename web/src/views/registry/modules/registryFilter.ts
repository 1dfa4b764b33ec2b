// The register search as the reader sets it, and as it travels in the page's address so that
// going back from a household, reloading or sharing the link shows the same search.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { HouseholdFilter, HouseholdStatusFilter } from '@/api/registry'
import { regionFrom, single } from '@/routeQuery'

export interface RegistryFilterDraft {
  q: string
  region: string | null
  desilMin: number | null
  desilMax: number | null
  status: HouseholdStatusFilter
}

export const statusFilters: readonly HouseholdStatusFilter[] = ['active', 'closed', 'all']
export const desilValues: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

export function emptyRegistryFilter(): RegistryFilterDraft {
  return { q: '', region: null, desilMin: null, desilMax: null, status: 'active' }
}

/** What the API is asked; a reversed desil range is read the way it was meant. */
export function toHouseholdQuery(draft: RegistryFilterDraft): HouseholdFilter {
  let [low, high] = [draft.desilMin, draft.desilMax]
  if (low !== null && high !== null && low > high) [low, high] = [high, low]
  return {
    q: draft.q.trim(),
    region: draft.region,
    desil_min: low,
    desil_max: high,
    status: draft.status,
  }
}

function desilFrom(value: string | null): number | null {
  const number = Number(value)
  return value !== null && desilValues.includes(number) ? number : null
}

/** The search an address describes; anything malformed in it is left out, never guessed. */
export function fromRouteQuery(query: LocationQuery): RegistryFilterDraft {
  const status = single(query.status)
  return {
    q: single(query.q) ?? '',
    region: regionFrom(query.region),
    desilMin: desilFrom(single(query.desil_min)),
    desilMax: desilFrom(single(query.desil_max)),
    status: statusFilters.find((known) => known === status) ?? 'active',
  }
}

/** The address of a search: only what differs from the default search. */
export function toRouteQuery(draft: RegistryFilterDraft): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (draft.q.trim()) query.q = draft.q.trim()
  if (draft.region) query.region = draft.region
  if (draft.desilMin !== null) query.desil_min = String(draft.desilMin)
  if (draft.desilMax !== null) query.desil_max = String(draft.desilMax)
  if (draft.status !== 'active') query.status = draft.status
  return query
}

export function sameSearch(a: RegistryFilterDraft, b: RegistryFilterDraft): boolean {
  return JSON.stringify(toRouteQuery(a)) === JSON.stringify(toRouteQuery(b))
}

/** The search as an export sends it: only the filters that narrow it, as plain values. */
export function toExportFilters(draft: RegistryFilterDraft): Record<string, string | number> {
  const filters: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(toHouseholdQuery(draft))) {
    if (value !== null && value !== undefined && value !== '') filters[name] = value
  }
  return filters
}
