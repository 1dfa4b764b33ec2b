// Which household list an analytics page has open, read back from its address: `?a=1&b=2` (an
// overlap cell), `?benefit_type=cash` (a benefit received twice), `?list=uncovered` (coverage),
// `?list=excluded&area=33.02.01.2001` (a targeting figure). The address is untrusted text: only
// well-formed values open a list.
import type { LocationQuery } from 'vue-router'
import { isTargetingList, type TargetingList } from '@/api/analytics'
import { regionFrom, single } from '@/routeQuery'

/** A programme id (a positive whole number), or null. */
export function idFrom(value: LocationQuery[string] | undefined): number | null {
  const text = single(value)
  if (!text || !/^[1-9]\d{0,15}$/.test(text)) return null
  return Number(text)
}

export type OverlapSelection =
  { kind: 'cell'; a: number; b: number } | { kind: 'benefit'; benefitType: string } | null

const benefitTypePattern = /^[a-z][a-z_]{0,39}$/

export function overlapSelectionFrom(query: LocationQuery): OverlapSelection {
  const a = idFrom(query.a)
  const b = idFrom(query.b)
  if (a !== null && b !== null) return { kind: 'cell', a, b }
  const benefitType = single(query.benefit_type)
  if (benefitType && benefitTypePattern.test(benefitType)) return { kind: 'benefit', benefitType }
  return null
}

export function uncoveredListOpen(query: LocationQuery): boolean {
  return single(query.list) === 'uncovered'
}

export interface TargetingSelection {
  list: TargetingList
  /** The area whose households are listed; null for the page's whole region. */
  area: string | null
}

export function targetingSelectionFrom(query: LocationQuery): TargetingSelection | null {
  const list = single(query.list)
  if (!isTargetingList(list)) return null
  return { list, area: regionFrom(query.area) }
}

/** A calendar date YYYY-MM-DD that exists, or null. */
export function dateFrom(value: LocationQuery[string] | undefined): string | null {
  const text = single(value)
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? text : null
}
