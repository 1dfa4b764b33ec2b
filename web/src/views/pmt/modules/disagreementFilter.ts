// The list of disagreements as the reader narrows it (an area, how many desil apart at least),
// and as it travels in the page's address so that going back from a household, reloading or
// sharing the link shows the same list.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { DisagreementFilter } from '@/api/pmt'
import { regionFrom, single } from '@/routeQuery'
import { disagreementGap } from './pmtFormat'

export interface DisagreementFilterDraft {
  region: string | null
  minGap: number
}

/** The gaps one may ask for: desil run from 1 to 10, so two of them are 1 to 9 apart. */
export const minGapValues: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9]

export function defaultDisagreementFilter(): DisagreementFilterDraft {
  return { region: null, minGap: disagreementGap }
}

/** What the API is asked. */
export function toDisagreementQuery(draft: DisagreementFilterDraft): DisagreementFilter {
  return { region: draft.region, min_gap: draft.minGap }
}

/** The list an address describes; anything malformed in it is left out, never guessed. */
export function fromRouteQuery(query: LocationQuery): DisagreementFilterDraft {
  const gap = Number(single(query.min_gap))
  return {
    region: regionFrom(query.region),
    minGap: minGapValues.includes(gap) ? gap : disagreementGap,
  }
}

/** The address of a list: only what differs from the default. */
export function toRouteQuery(draft: DisagreementFilterDraft): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (draft.region) query.region = draft.region
  if (draft.minGap !== disagreementGap) query.min_gap = String(draft.minGap)
  return query
}
