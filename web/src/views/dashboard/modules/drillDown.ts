// How the dashboard's region filter moves when the coordinator clicks a chart: a district narrows
// the dashboard to that district and breaks its coverage down by village; a village leads to the
// list of its uncovered desil 1–4 households for whoever may read the register; a heat-map cell
// leads to the households in both programmes. The region lives in the page's address, so the
// back button climbs up again.
import type { AreaLevel } from '@/api/analytics'

/** 0 for "the whole working area", then 1 province, 2 regency, 3 district, 4 village. */
export function depthOf(region: string | null): number {
  return region ? region.split('.').length : 0
}

/** Coverage is shown one level below the filter: districts down to a regency, then villages. */
export function coverageLevel(region: string | null): AreaLevel {
  return depthOf(region) >= 3 ? 'village' : 'district'
}

export type AreaStep =
  /** Narrow the dashboard to this region. */
  | { kind: 'narrow'; region: string }
  /** Open the list of the region's uncovered desil 1–4 households. */
  | { kind: 'uncovered'; region: string }
  | { kind: 'stay' }

/**
 * What clicking the coverage bar of `area` does while the dashboard shows `region`: a district
 * (or anything wider) narrows; a village opens its list for register readers, and narrows the
 * figures to it for everyone else (unless they already show that village).
 */
export function stepIntoArea(area: string, region: string | null, canReadList: boolean): AreaStep {
  if (depthOf(area) < 4)
    return area === region ? { kind: 'stay' } : { kind: 'narrow', region: area }
  if (canReadList) return { kind: 'uncovered', region: area }
  return area === region ? { kind: 'stay' } : { kind: 'narrow', region: area }
}

/**
 * One level up from `region`, never above the user's working area `root` (null: no bound); null
 * means the whole working area.
 */
export function widerRegion(region: string | null, root: string | null): string | null {
  if (!region) return null
  const parent = region.split('.').slice(0, -1).join('.')
  if (!parent || depthOf(parent) <= depthOf(root)) return null
  return parent
}
