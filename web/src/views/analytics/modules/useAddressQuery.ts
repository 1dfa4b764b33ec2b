import { computed, type ComputedRef } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'

/**
 * The analytics pages keep what they show (region, open list, chosen cell) in their address, so
 * that a drill-down can be shared, reloaded and undone with the back button: every step is a new
 * history entry. Reads are frozen once the page is being left, so that the departing page does not
 * fetch for the next page's address.
 */
export function useAddressQuery() {
  const route = useRoute()
  const router = useRouter()
  const ownRoute = route.name
  let last: LocationQuery = route.query

  const query: ComputedRef<LocationQuery> = computed(() => {
    if (route.name === ownRoute) last = route.query
    return last
  })

  /** Goes to the same page with `changes` applied; null or undefined removes a parameter. */
  function change(changes: Record<string, string | number | null | undefined>): Promise<unknown> {
    const next: LocationQueryRaw = { ...query.value }
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '') delete next[key]
      else next[key] = String(value)
    }
    return router.push({ query: next })
  }

  return { query, change }
}
