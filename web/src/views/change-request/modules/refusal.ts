// Why the server refused a decision, line by line in the user's language: each complaint under
// the field it names (`payload.member.nik` reads as "NIK"), else the problem's own text.
import type { ApiError } from '@/api/http'
import { fieldLabel, type Translator } from '@/registerVocabulary'

export function refusalLines(t: Translator, error: ApiError): string[] {
  const lines = Object.entries(error.fieldErrors).map(([path, message]) => {
    const field = path.split('.').pop() ?? path
    const label = fieldLabel(t, field)
    // A path the catalogue does not know (`household_id`) is still better than nothing.
    return `${label === field ? path : label}: ${message}`
  })
  return lines.length > 0 ? lines : [error.detail]
}
