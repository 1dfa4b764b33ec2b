import { http } from './http'
import type { Page, PageRequest, Region, RegionDetail, RegionLevel } from './types'

/** The regions directly below `parent`; without a parent, the provinces. */
export function listChildRegions(
  parent: string | null,
  paging: PageRequest = {},
): Promise<Page<Region>> {
  return http.get<Page<Region>>('/api/v1/regions', { parent, ...paging })
}

/** Regions of one level whose name contains `q` (case-insensitive). */
export function searchRegions(
  level: RegionLevel,
  q: string,
  paging: PageRequest = {},
): Promise<Page<Region>> {
  return http.get<Page<Region>>('/api/v1/regions', { level, q, ...paging })
}

/** A region with its ancestors from the province down to its parent. */
export function getRegion(code: string): Promise<RegionDetail> {
  return http.get<RegionDetail>(`/api/v1/regions/${encodeURIComponent(code)}`)
}
