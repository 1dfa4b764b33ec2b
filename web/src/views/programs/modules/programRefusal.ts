// Splitting a refused programme's complaints between the form's fields and the rule builder: the
// server names rule problems by their place in the rule (`eligibility_rule.all[1].value`).
import type { ApiError } from '@/api/http'

export interface SplitComplaints {
  fields: Record<string, string>
  rule: Record<string, string>
}

export const programProblemTypes = {
  codeTaken: 'urn:sinergi:problem:program-code-taken',
} as const

/** The complaints of a refusal by where the form shows them; a taken code goes under the code. */
export function splitComplaints(error: ApiError): SplitComplaints {
  const split: SplitComplaints = { fields: {}, rule: {} }
  for (const [path, text] of Object.entries(error.fieldErrors)) {
    if (path === 'eligibility_rule' || path.startsWith('eligibility_rule.')) split.rule[path] = text
    else split.fields[path] = text
  }
  if (error.type === programProblemTypes.codeTaken) split.fields.code = error.detail
  return split
}

/** The complaints the form has no field for: shown together above the Save button. */
export function unplaced(fields: Record<string, string>, shown: readonly string[]): string[] {
  return Object.entries(fields)
    .filter(([path]) => !shown.some((field) => path === field || path.startsWith(`${field}[`)))
    .map(([, text]) => text)
}
