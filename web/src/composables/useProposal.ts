// Sending a proposal from a form: the form's values become the request's payload, the chosen
// document travels as base64, and the server's complaints, which name payload paths
// (`payload.member.nik`), are put back under the form's fields (`nik`).
import { ref, watch, type Ref } from 'vue'
import {
  proposeChange,
  toNewAttachment,
  type ChangeRequest,
  type Proposal,
} from '@/api/changeRequests'
import { ApiError } from '@/api/http'

/** Names the form field a payload path stands for. */
export type FieldOfPath = (path: string) => string

/**
 * The form field for paths under `payloadPath.` (that prefix dropped); `renames` names the form
 * field for whole paths (`payload.date` → `life_status_date`); other paths stay as they are.
 */
export function fieldsUnder(
  payloadPath: string,
  renames: Record<string, string> = {},
): FieldOfPath {
  return (path) =>
    renames[path] ??
    (path.startsWith(`${payloadPath}.`) ? path.slice(payloadPath.length + 1) : path)
}

/** `error` with its field complaints renamed for the form, several under one field joined. */
export function asFormRefusal(error: ApiError, fieldOf: FieldOfPath): ApiError {
  const fieldErrors: Record<string, string> = {}
  for (const [path, text] of Object.entries(error.fieldErrors)) {
    const field = fieldOf(path)
    fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${text}` : text
  }
  return new ApiError({
    status: error.status,
    type: error.type,
    code: error.code,
    detail: error.detail,
    fieldErrors,
    position: error.position,
    retryAfterSeconds: error.retryAfterSeconds,
  })
}

/**
 * A proposal dialog's document and its sending. The document is forgotten whenever the dialog
 * opens again, so that a new proposal never carries the last one's file by mistake.
 */
export function useProposal(visible: Ref<boolean>) {
  const attachment = ref<File | null>(null)

  watch(visible, (open) => {
    if (open) attachment.value = null
  })

  async function propose(proposal: Proposal, fieldOf: FieldOfPath): Promise<ChangeRequest> {
    const attachments = attachment.value ? [await toNewAttachment(attachment.value)] : []
    try {
      return await proposeChange({ ...proposal, attachments })
    } catch (error) {
      throw error instanceof ApiError ? asFormRefusal(error, fieldOf) : error
    }
  }

  return { attachment, propose }
}
