// What a register form sends: only the fields the person actually changed or filled in, each as
// the server expects it (trimmed text, empty as null), so that the history records exactly that.
import type { FieldSpec, FieldValue } from '@/api/registry'

export type Draft = Record<string, FieldValue>

/** The value as it will be stored: text trimmed, an emptied input is "not recorded" (null). */
export function storedForm(spec: FieldSpec, value: FieldValue | undefined): FieldValue {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') {
    const trimmed = spec.kind === 'text' ? value.trim() : value
    return trimmed === '' ? null : trimmed
  }
  return value
}

/** The fields of `specs` whose value in `draft` differs from `original`, in their stored form. */
export function changedFields(
  specs: readonly FieldSpec[],
  original: Readonly<Draft>,
  draft: Readonly<Draft>,
): Draft {
  const changes: Draft = {}
  for (const spec of specs) {
    const before = storedForm(spec, original[spec.name])
    const after = storedForm(spec, draft[spec.name])
    if (before !== after) changes[spec.name] = after
  }
  return changes
}

/** The required fields of `specs` left empty in `draft`. */
export function missingRequired(specs: readonly FieldSpec[], draft: Readonly<Draft>): string[] {
  return specs
    .filter((spec) => spec.required && storedForm(spec, draft[spec.name]) === null)
    .map((spec) => spec.name)
}
