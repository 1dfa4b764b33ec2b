import { onScopeDispose, ref, shallowRef } from 'vue'
import { ApiError } from '@/api/http'

/** How often running background work (an import, a PMT run) is asked for its progress. */
export const pollIntervalMs = 1000

/**
 * Follows one piece of background work on the server until it settles, asking about once a
 * second. Following another one (or leaving the page) stops following the previous one; a lost
 * connection for a moment does not end the watch, a refusal does.
 */
export function useWatchUntilSettled<T extends { id: number }>(
  fetchLatest: (id: number) => Promise<T>,
  isSettled: (item: T) => boolean,
  onSettled: (item: T) => void,
) {
  const current = shallowRef<T | null>(null)
  const error = ref<ApiError | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let watching = 0

  function stop(): void {
    clearTimeout(timer)
    watching += 1
  }

  async function poll(id: number, generation: number): Promise<void> {
    try {
      const latest = await fetchLatest(id)
      if (generation !== watching) return
      current.value = latest
      error.value = null
      if (isSettled(latest)) {
        onSettled(latest)
        return
      }
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught
      if (generation !== watching) return
      error.value = caught
      if (caught.status !== 0) return
    }
    timer = setTimeout(() => void poll(id, generation), pollIntervalMs)
  }

  /**
   * Shows `shown` at once and, unless it is over, follows it until it settles. Work that is
   * already over when it is shown (a small job may finish before its start is even answered) is
   * reported as settled too, unless `reportIfOver` is false (showing an old one when a page opens).
   */
  function follow(shown: T, reportIfOver = true): void {
    stop()
    current.value = shown
    error.value = null
    if (isSettled(shown)) {
      if (reportIfOver) onSettled(shown)
      return
    }
    const generation = watching
    timer = setTimeout(() => void poll(shown.id, generation), pollIntervalMs)
  }

  /**
   * Starts other asynchronous work in the watch's place (e.g. finding what to follow): its
   * answer counts only while `stillCurrent` says nothing else was followed meanwhile.
   */
  function begin(): { stillCurrent: () => boolean } {
    stop()
    const generation = watching
    return { stillCurrent: () => generation === watching }
  }

  onScopeDispose(stop)

  return { current, error, follow, stop, begin }
}
