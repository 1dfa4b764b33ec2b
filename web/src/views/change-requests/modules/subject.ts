// Whom a change request is about, in a word for the list: the name the payload carries (a new
// member, the head of a new household). Requests about existing records name only ids; the list
// links their household instead, and the request's page names the person.
import type { ChangeRequest } from '@/api/changeRequests'

export function subjectName(request: ChangeRequest): string | null {
  switch (request.kind) {
    case 'add_member':
      return request.payload.member.name
    case 'new_household': {
      const members = request.payload.members
      const head = members.find((member) => member.relation === 'kepala_keluarga') ?? members[0]
      return head?.name ?? null
    }
    default:
      return null
  }
}
