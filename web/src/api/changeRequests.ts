// Change requests (usulan perubahan): villages propose changes to the register with a reason and
// supporting documents; registry operators verify (which applies them) or reject them with a note.
// Shapes come from the generated contract; the payload of each kind is typed here because the
// contract describes it with if/then, which the generator cannot turn into a union.
import { download, http, type DownloadedFile } from './http'
import type { components } from './schema'
import type { Page, PageRequest, ResponseBody } from './types'

type Schemas = components['schemas']

export type ChangeKind = Schemas['ChangeKind']
export type ChangeRequestStatus = Schemas['ChangeRequestStatus']
export type AttachmentContentType = Schemas['AttachmentContentType']
export type NewAttachment = Schemas['NewAttachment']
export type ChangeRequestAttachment = Schemas['ChangeRequestAttachment']
export type AddMemberPayload = Schemas['AddMemberPayload']

/** Fails to compile when `Shape` misses a key of `Keys`, so a kind the contract adds is noticed. */
type Covering<Keys extends PropertyKey, Shape extends Record<Keys, unknown>> = Shape

export type PayloadByKind = Covering<
  ChangeKind,
  {
    new_household: Schemas['NewHouseholdPayload']
    add_member: Schemas['AddMemberPayload']
    member_left: Schemas['LifeEventPayload']
    death: Schemas['LifeEventPayload']
    move: Schemas['MovePayload']
    split: Schemas['SplitPayload']
    change_household: Schemas['ChangeHouseholdPayload']
    change_person: Schemas['ChangePersonPayload']
  }
>

type StoredChangeRequest = ResponseBody<'/api/v1/change-requests/{id}', 'get', 200>

/** A change request of one kind, with that kind's payload. */
export type ChangeRequestOf<Kind extends ChangeKind> = Omit<
  StoredChangeRequest,
  'kind' | 'payload'
> & {
  kind: Kind
  payload: PayloadByKind[Kind]
}

/** A change request whose payload's shape follows its kind. */
export type ChangeRequest = { [Kind in ChangeKind]: ChangeRequestOf<Kind> }[ChangeKind]

/** What a proposal sends: the kind, its payload, what it is about, why, and any documents. */
export type Proposal = {
  [Kind in ChangeKind]: {
    kind: Kind
    payload: PayloadByKind[Kind]
    reason: string
    household_id?: number
    person_id?: number
    attachments?: NewAttachment[]
  }
}[ChangeKind]

const kindSet: Record<ChangeKind, true> = {
  new_household: true,
  add_member: true,
  member_left: true,
  death: true,
  move: true,
  split: true,
  change_household: true,
  change_person: true,
}
const statusSet: Record<ChangeRequestStatus, true> = {
  proposed: true,
  verified: true,
  rejected: true,
  withdrawn: true,
}

export const changeKinds = Object.keys(kindSet) as ChangeKind[]
export const changeRequestStatuses = Object.keys(statusSet) as ChangeRequestStatus[]

export interface ChangeRequestFilter {
  status?: ChangeRequestStatus | null
  /** Requests for villages in this province, regency, district or village. */
  region?: string | null
  /** Only the caller's own proposals. */
  mine?: boolean
}

export function listChangeRequests(
  filter: ChangeRequestFilter & PageRequest = {},
): Promise<Page<ChangeRequest>> {
  const { mine, ...rest } = filter
  // The server takes `mine=true` or `mine=false` only; leaving it out means "everyone's".
  return http.get<Page<ChangeRequest>>('/api/v1/change-requests', {
    ...rest,
    mine: mine ? true : undefined,
  })
}

export function getChangeRequest(id: number): Promise<ChangeRequest> {
  return http.get<ChangeRequest>(`/api/v1/change-requests/${id}`)
}

export function proposeChange(proposal: Proposal): Promise<ChangeRequest> {
  return http.post<ChangeRequest>('/api/v1/change-requests', proposal)
}

/** Applies the request to the register; the note is optional. */
export function verifyChangeRequest(id: number, note: string): Promise<ChangeRequest> {
  const trimmed = note.trim()
  return http.post<ChangeRequest>(
    `/api/v1/change-requests/${id}/verify`,
    trimmed ? { note: trimmed } : undefined,
  )
}

/** Refuses the request; the note tells the village why and is required. */
export function rejectChangeRequest(id: number, note: string): Promise<ChangeRequest> {
  return http.post<ChangeRequest>(`/api/v1/change-requests/${id}/reject`, { note: note.trim() })
}

export function withdrawChangeRequest(id: number): Promise<ChangeRequest> {
  return http.post<ChangeRequest>(`/api/v1/change-requests/${id}/withdraw`)
}

export function downloadAttachment(
  requestId: number,
  attachmentId: number,
): Promise<DownloadedFile> {
  return download('GET', `/api/v1/change-requests/${requestId}/attachments/${attachmentId}`)
}

// ---- Attachments as the proposal sends them ----------------------------------------------------

/** The server's limit on one document, once decoded. */
export const largestAttachmentBytes = 5 * 1024 * 1024

export const attachmentContentTypes: readonly AttachmentContentType[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
]

/** Why a file cannot be attached, or null when it can. */
export type AttachmentProblem = 'type' | 'size' | 'empty'

/** What the server would refuse about `file`, checked before it is read and sent. */
export function attachmentProblem(file: Pick<File, 'type' | 'size'>): AttachmentProblem | null {
  if (!(attachmentContentTypes as readonly string[]).includes(file.type)) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > largestAttachmentBytes) return 'size'
  return null
}

/** The bytes of `buffer` in standard base64. */
export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer)
  // In slices: String.fromCharCode with millions of arguments overflows the call stack.
  const slice = 0x8000
  let binary = ''
  for (let start = 0; start < bytes.length; start += slice) {
    binary += String.fromCharCode(...bytes.subarray(start, start + slice))
  }
  return btoa(binary)
}

/** A chosen file as the proposal carries it. The caller checks attachmentProblem first. */
export async function toNewAttachment(file: File): Promise<NewAttachment> {
  return {
    filename: file.name,
    content_type: file.type as AttachmentContentType,
    data_base64: toBase64(await file.arrayBuffer()),
  }
}
