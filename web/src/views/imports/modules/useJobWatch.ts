import { getImport, type ImportJob } from '@/api/registerFiles'
import { useWatchUntilSettled } from '@/composables/useWatchUntilSettled'
import { isSettled } from './importJob'

export { pollIntervalMs } from '@/composables/useWatchUntilSettled'

/** Follows one import job until it settles (see useWatchUntilSettled). */
export function useJobWatch(onSettled: (job: ImportJob) => void) {
  const {
    current: job,
    error,
    follow: watch,
    stop,
  } = useWatchUntilSettled(getImport, isSettled, onSettled)
  return { job, error, watch, stop }
}
