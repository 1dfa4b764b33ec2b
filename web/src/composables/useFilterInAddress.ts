import { ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import { useDebouncedWatch } from '@/composables/useDebouncedWatch'

/**
 * A list's filter kept in the page's address, so that going back to the list, reloading or
 * sharing the link shows the same list. Typing settles before the address and `onChange` follow;
 * the menu entry or the back button changing the address under the open page changes the filter.
 */
export function useFilterInAddress<Draft>(options: {
  /** The route the filter belongs to; other routes' addresses are not read. */
  routeName: string
  fromQuery: (query: LocationQuery) => Draft
  /** The address of a filter: only what differs from the default. */
  toQuery: (draft: Draft) => LocationQueryRaw
  onChange: () => void
}) {
  const route = useRoute()
  const router = useRouter()
  const filter = ref(options.fromQuery(route.query)) as Ref<Draft>

  function same(a: Draft, b: Draft): boolean {
    return JSON.stringify(options.toQuery(a)) === JSON.stringify(options.toQuery(b))
  }

  useDebouncedWatch(filter, () => {
    void router.replace({ query: options.toQuery(filter.value) })
    options.onChange()
  })

  watch(
    () => route.query,
    (query) => {
      if (route.name !== options.routeName) return
      const wanted = options.fromQuery(query)
      if (!same(wanted, filter.value)) filter.value = wanted
    },
  )

  return { filter, same }
}
