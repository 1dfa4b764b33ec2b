// An import job as the page tells it: how far the upload and the job have come, whether it is
// still running, and what came of it once it is done.
import type { UploadProgress } from '@/api/http'
import type { ImportJob } from '@/api/registerFiles'

/** The share of the file sent so far, 0–100; unknown sizes count as not started. */
export function uploadPercent(progress: UploadProgress | null): number {
  if (!progress || progress.total <= 0) return 0
  return Math.min(100, Math.floor((progress.loaded / progress.total) * 100))
}

/** A job that will not change any more: finished (committed or refused) or failed. */
export function isSettled(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'finished' || job.status === 'failed'
}

/**
 * What came of a settled job: all of the file imported, part of it (refused rows skipped or
 * reading stopped early), nothing because the file was refused whole (all or nothing), nothing
 * because it held nothing to import, or a failure that wrote nothing.
 */
export type ImportOutcome = 'all' | 'partly' | 'refused' | 'nothing' | 'failed'

export function outcomeOf(
  job: Pick<ImportJob, 'status' | 'committed' | 'rows_refused' | 'stopped_at_row' | 'issue_count'>,
): ImportOutcome | null {
  if (job.status === 'failed') return 'failed'
  if (job.status !== 'finished') return null
  if (job.committed) {
    return job.rows_refused > 0 || job.stopped_at_row !== null ? 'partly' : 'all'
  }
  return job.issue_count > 0 || job.stopped_at_row !== null ? 'refused' : 'nothing'
}

export const outcomeSeverity: Record<ImportOutcome, 'success' | 'warn' | 'error' | 'info'> = {
  all: 'success',
  partly: 'warn',
  refused: 'error',
  nothing: 'info',
  failed: 'error',
}
