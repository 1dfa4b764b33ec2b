import { onScopeDispose, ref, shallowRef } from 'vue'
import { ApiError } from '@/api/http'
import { getRun, listRuns, startRun, type PmtRun } from '@/api/pmt'
import { isSettled } from './pmtRun'

/** How often a running estimate run is asked for its progress. */
export const pollIntervalMs = 1000

/**
 * Starts Proxy Means Test runs and follows the latest one until it settles, asking the server
 * about once a second. Only one run goes at a time: asked to start while another runs, the
 * server refuses (409) and the one already running is followed instead. Leaving the page stops
 * following.
 */
export function useRunWatch(onSettled: (run: PmtRun) => void) {
  const run = shallowRef<PmtRun | null>(null)
  const error = ref<ApiError | null>(null)
  const starting = ref(false)
  /** The last start found a run already going, and that one is followed instead. */
  const joined = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let watching = 0

  function stop(): void {
    clearTimeout(timer)
    watching += 1
  }

  async function poll(id: number, generation: number): Promise<void> {
    try {
      const latest = await getRun(id)
      if (generation !== watching) return
      run.value = latest
      error.value = null
      if (isSettled(latest)) {
        onSettled(latest)
        return
      }
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught
      if (generation !== watching) return
      error.value = caught
      // A lost connection for a moment should not end the watch; a refusal does.
      if (caught.status !== 0) return
    }
    timer = setTimeout(() => void poll(id, generation), pollIntervalMs)
  }

  /** Shows `shown` at once and, unless it is over, follows it until it settles. */
  function follow(shown: PmtRun): void {
    stop()
    run.value = shown
    if (isSettled(shown)) return
    const generation = watching
    timer = setTimeout(() => void poll(shown.id, generation), pollIntervalMs)
  }

  /** Shows the latest run (if any), following it when it is still going. */
  async function resume(): Promise<void> {
    const generation = ++watching
    try {
      const page = await listRuns({ limit: 1 })
      if (generation !== watching) return
      const latest = page.items[0]
      if (latest) follow(latest)
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught
      if (generation === watching) error.value = caught
    }
  }

  /** Queues a new run and follows it; when one is already going, follows that one. */
  async function start(): Promise<void> {
    if (starting.value) return
    starting.value = true
    error.value = null
    joined.value = false
    try {
      follow(await startRun())
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught
      if (caught.status === 409) {
        joined.value = true
        await resume()
      } else {
        error.value = caught
      }
    } finally {
      starting.value = false
    }
  }

  onScopeDispose(stop)

  return { run, error, starting, joined, start, resume, stop }
}
