// Reading a page's state back from its address (`?region=33.02.01&status=closed`): what a link,
// a reload or the back button hands over is untrusted text, taken only when it is well formed.
import type { LocationQuery } from 'vue-router'

/** The first value of a query parameter, or null when it is missing or has no value. */
export function single(value: LocationQuery[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : null
}

// Kemendagri codes: 33, 33.02, 33.02.01, 33.02.01.2001.
const regionCodePattern = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/

/** The region code a parameter names, or null when it names none. */
export function regionFrom(value: LocationQuery[string] | undefined): string | null {
  const code = single(value)
  return code && regionCodePattern.test(code) ? code : null
}
