// Which change requests the page lists, as the reader sets it and as it travels in the address,
// so that going back from a request shows the same list.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import {
  changeRequestStatuses,
  type ChangeRequestFilter,
  type ChangeRequestStatus,
} from '@/api/changeRequests'
import { regionFrom, single } from '@/routeQuery'

/** The verifier's inbox (every request in their area) or the requests the reader proposed. */
export type ChangeRequestView = 'inbox' | 'mine'
export type StatusChoice = ChangeRequestStatus | 'all'

export interface ChangeRequestFilterDraft {
  view: ChangeRequestView
  status: StatusChoice
  region: string | null
}

export const statusChoices: readonly StatusChoice[] = [...changeRequestStatuses, 'all']

/**
 * What a reader sees first: a verifier the requests waiting for them; a village operator all of
 * their own proposals, decided ones included, since a rejection's note is what they need to read.
 */
export function defaultFilter(canVerify: boolean): ChangeRequestFilterDraft {
  return canVerify
    ? { view: 'inbox', status: 'proposed', region: null }
    : { view: 'mine', status: 'all', region: null }
}

/** The list an address describes; what is malformed in it, or not the reader's to see, is left out. */
export function fromRouteQuery(query: LocationQuery, canVerify: boolean): ChangeRequestFilterDraft {
  const view = canVerify ? single(query.view) : null
  const shownView: ChangeRequestView =
    view === 'mine' || view === 'inbox' ? view : defaultFilter(canVerify).view
  const defaults = defaultFilter(canVerify && shownView === 'inbox')
  const status = single(query.status)
  return {
    view: shownView,
    status: statusChoices.find((known) => known === status) ?? defaults.status,
    region: regionFrom(query.region),
  }
}

/** The address of a list: only what differs from what the reader sees first. */
export function toRouteQuery(
  draft: ChangeRequestFilterDraft,
  canVerify: boolean,
): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  const first = defaultFilter(canVerify)
  if (draft.view !== first.view) query.view = draft.view
  const viewDefault = defaultFilter(canVerify && draft.view === 'inbox')
  if (draft.status !== viewDefault.status) query.status = draft.status
  if (draft.region) query.region = draft.region
  return query
}

/** What the API is asked. */
export function toListFilter(draft: ChangeRequestFilterDraft): ChangeRequestFilter {
  return {
    status: draft.status === 'all' ? null : draft.status,
    region: draft.region,
    mine: draft.view === 'mine',
  }
}

/** Switching the view starts from that view's usual status, keeping the area. */
export function switchView(
  draft: ChangeRequestFilterDraft,
  view: ChangeRequestView,
): ChangeRequestFilterDraft {
  return { ...defaultFilter(view === 'inbox'), region: draft.region, view }
}
