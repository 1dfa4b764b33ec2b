import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import type { Page, PageRequest } from '@/api/types'
import { usePagedList } from '../usePagedList'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

describe('usePagedList', () => {
  it('follows the next cursor and appends pages', async () => {
    const load = vi.fn(async ({ cursor }: PageRequest): Promise<Page<string>> =>
      cursor === 'page-2'
        ? { items: ['c'], total: 3, next: null }
        : { items: ['a', 'b'], total: 3, next: 'page-2' },
    )
    const list = usePagedList(load, 2)

    await list.reload()
    expect(list.items.value).toEqual(['a', 'b'])
    expect(list.hasMore.value).toBe(true)

    await list.loadMore()

    expect(load).toHaveBeenLastCalledWith({ limit: 2, cursor: 'page-2' })
    expect(list.items.value).toEqual(['a', 'b', 'c'])
    expect(list.total.value).toBe(3)
    expect(list.hasMore.value).toBe(false)
  })

  it('drops the answer to an older request that arrives late', async () => {
    const slow = deferred<Page<string>>()
    const load = vi
      .fn<(paging: PageRequest) => Promise<Page<string>>>()
      .mockReturnValueOnce(slow.promise)
      .mockResolvedValueOnce({ items: ['new filter'], total: 1, next: null })
    const list = usePagedList(load)

    const first = list.reload()
    await list.reload()
    slow.resolve({ items: ['old filter'], total: 9, next: 'x' })
    await first

    expect(list.items.value).toEqual(['new filter'])
    expect(list.total.value).toBe(1)
    expect(list.loading.value).toBe(false)
  })

  it('keeps the API error for the page to show', async () => {
    const failure = new ApiError({
      status: 403,
      type: 'urn:sinergi:problem:forbidden',
      code: 'HTTP-1403',
      detail: 'Akses ditolak.',
    })
    const list = usePagedList<string>(() => Promise.reject(failure))

    await list.reload()

    expect(list.error.value?.detail).toBe('Akses ditolak.')
    expect(list.loading.value).toBe(false)
  })
})
