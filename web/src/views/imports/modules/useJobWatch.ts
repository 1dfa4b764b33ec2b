import { onBeforeUnmount, ref, shallowRef } from 'vue'
import { ApiError } from '@/api/http'
import { getImport, type ImportJob } from '@/api/registerFiles'
import { isSettled } from './importJob'

/** How often a running job is asked for its progress. */
export const pollIntervalMs = 1000

/**
 * Follows one import job until it settles, asking the server about once a second. Watching
 * another job (or leaving the page) stops following the previous one.
 */
export function useJobWatch(onSettled: (job: ImportJob) => void) {
  const job = shallowRef<ImportJob | null>(null)
  const error = ref<ApiError | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let watching = 0

  function stop(): void {
    clearTimeout(timer)
    watching += 1
  }

  async function poll(id: number, generation: number): Promise<void> {
    try {
      const latest = await getImport(id)
      if (generation !== watching) return
      job.value = latest
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

  /** Shows `started` at once and follows it until it settles. */
  function watch(started: ImportJob): void {
    stop()
    job.value = started
    error.value = null
    if (isSettled(started)) return
    const generation = watching
    timer = setTimeout(() => void poll(started.id, generation), pollIntervalMs)
  }

  onBeforeUnmount(stop)

  return { job, error, watch, stop }
}
