// How current the register is per village (kemutakhiran data): counts only, no personal data.
import { http } from './http'
import type { Page, PageRequest, ResponseBody } from './types'

export type VillageCurrency = ResponseBody<'/api/v1/registry/currency', 'get', 200>['items'][number]

export interface CurrencyFilter {
  /** Villages in this province, regency, district or village. */
  region?: string | null
  /** "Verified recently" means within this many months (1–120). */
  months?: number
}

export function listVillageCurrency(
  filter: CurrencyFilter & PageRequest = {},
): Promise<Page<VillageCurrency>> {
  return http.get<Page<VillageCurrency>>('/api/v1/registry/currency', { ...filter })
}
