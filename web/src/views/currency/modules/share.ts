// How a village's share of recently verified households reads at a glance.

/** Below half is a village to visit first; from four in five on, its data can be relied on. */
export type ShareLevel = 'low' | 'medium' | 'high'

const levelBounds = { medium: 0.5, high: 0.8 }

export function shareLevel(share: number): ShareLevel {
  if (share >= levelBounds.high) return 'high'
  if (share >= levelBounds.medium) return 'medium'
  return 'low'
}

/** The windows offered for "verified recently", in months (the server takes 1–120). */
export const monthChoices: readonly number[] = [3, 6, 12, 24, 36]
export const defaultMonths = 12
