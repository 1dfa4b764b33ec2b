import { ref } from 'vue'
import { ApiError } from '@/api/http'
import { getRun, listRuns, startRun, type PmtRun } from '@/api/pmt'
import { useWatchUntilSettled } from '@/composables/useWatchUntilSettled'
import { isSettled } from './pmtRun'

export { pollIntervalMs } from '@/composables/useWatchUntilSettled'

/**
 * Starts Proxy Means Test runs and follows the latest one until it settles (see
 * useWatchUntilSettled). Only one run goes at a time: asked to start while another runs, the
 * server refuses (409) and the one already running is followed instead.
 */
export function useRunWatch(onSettled: (run: PmtRun) => void) {
  const {
    current: run,
    error,
    follow,
    stop,
    begin,
  } = useWatchUntilSettled(getRun, isSettled, onSettled)
  const starting = ref(false)
  /** The last start found a run already going, and that one is followed instead. */
  const joined = ref(false)

  /** Shows the latest run (if any), following it when it is still going. */
  async function resume(): Promise<void> {
    const { stillCurrent } = begin()
    try {
      const page = await listRuns({ limit: 1 })
      if (!stillCurrent()) return
      const latest = page.items[0]
      if (latest) follow(latest, false)
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught
      if (stillCurrent()) error.value = caught
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

  return { run, error, starting, joined, start, resume, stop }
}
