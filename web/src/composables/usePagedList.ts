import { computed, ref, shallowRef, type Ref } from 'vue'
import { ApiError } from '@/api/http'
import type { Page, PageRequest } from '@/api/types'

export type PageLoader<Item> = (paging: PageRequest) => Promise<Page<Item>>

/**
 * A list read page by page with the API's cursors. `reload` starts over (after a filter
 * change); `loadMore` appends the next page. A reply to an outdated request is dropped, so a
 * slow first page can never overwrite the answer to a newer filter.
 */
export function usePagedList<Item>(load: PageLoader<Item>, pageSize = 50) {
  const items = shallowRef<Item[]>([]) as Ref<Item[]>
  const total = ref(0)
  const next = ref<string | null>(null)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  let generation = 0

  const hasMore = computed(() => next.value !== null)

  async function fetchPage(cursor: string | null, append: boolean): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const page = await load({ limit: pageSize, cursor })
      if (mine !== generation) return
      items.value = append ? [...items.value, ...page.items] : page.items
      total.value = page.total
      next.value = page.next
    } catch (caught) {
      if (mine !== generation) return
      if (!(caught instanceof ApiError)) throw caught
      error.value = caught
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function reload(): Promise<void> {
    return fetchPage(null, false)
  }

  function loadMore(): Promise<void> {
    return next.value ? fetchPage(next.value, true) : Promise.resolve()
  }

  /** Puts a changed row in place without refetching the whole list. */
  function replace(matches: (item: Item) => boolean, updated: Item): void {
    items.value = items.value.map((item) => (matches(item) ? updated : item))
  }

  return { items, total, next, hasMore, loading, error, reload, loadMore, replace }
}
