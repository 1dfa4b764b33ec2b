import { http } from './http'
import type { AuditEntry, AuditOutcome, Page, PageRequest } from './types'

export interface AuditFilter {
  actor?: string
  action?: string
  entity?: string
  entity_id?: string
  outcome?: AuditOutcome | null
  /** ISO-8601 times, inclusive bounds. */
  from?: string | null
  to?: string | null
}

export function listAuditEntries(
  filter: AuditFilter & PageRequest = {},
): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>>('/api/v1/audit', { ...filter })
}
