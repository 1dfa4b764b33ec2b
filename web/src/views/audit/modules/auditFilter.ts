import type { AuditFilter } from '@/api/audit'
import type { AuditOutcome } from '@/api/types'

/** What the reader types; dates stay Date objects until the request is made. */
export interface AuditFilterDraft {
  actor: string
  action: string
  entity: string
  entity_id: string
  outcome: AuditOutcome | null
  from: Date | null
  to: Date | null
}

export function emptyAuditFilter(): AuditFilterDraft {
  return { actor: '', action: '', entity: '', entity_id: '', outcome: null, from: null, to: null }
}

export function toAuditQuery(draft: AuditFilterDraft): AuditFilter {
  return {
    actor: draft.actor.trim(),
    action: draft.action.trim(),
    entity: draft.entity.trim(),
    entity_id: draft.entity_id.trim(),
    outcome: draft.outcome,
    from: draft.from?.toISOString() ?? null,
    to: draft.to?.toISOString() ?? null,
  }
}
