import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import { useFigures } from '../modules/useFigures'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

const refused = new ApiError({
  status: 400,
  type: 'urn:sinergi:problem:validation-failed',
  code: 'ANL-2001',
  detail: 'Wilayah tidak dikenal.',
})

describe('figures read for the current filter', () => {
  it('keeps the answer to the newest request when an older one arrives late', async () => {
    const slow = deferred<string>()
    const load = vi
      .fn<() => Promise<string>>()
      .mockReturnValueOnce(slow.promise)
      .mockResolvedValueOnce('Wangon')
    const figures = useFigures(load)

    const first = figures.reload()
    await figures.reload()
    slow.resolve('Lumbir')
    await first

    expect(figures.data.value).toBe('Wangon')
    expect(figures.loading.value).toBe(false)
  })

  it('shows the server’s problem and no stale figures', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockResolvedValueOnce('Lumbir')
      .mockRejectedValueOnce(refused)
    const figures = useFigures(load)

    await figures.reload()
    await figures.reload()

    expect(figures.error.value?.detail).toBe('Wilayah tidak dikenal.')
    expect(figures.data.value).toBeNull()
  })

  it('lets programming errors through', async () => {
    const figures = useFigures(() => Promise.reject(new TypeError('bug')))
    await expect(figures.reload()).rejects.toThrow('bug')
  })
})
