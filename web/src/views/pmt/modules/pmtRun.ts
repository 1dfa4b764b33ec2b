// A Proxy Means Test run as the page tells it: whether it will still change, and how far it
// has come (docs/pmt.md: queued, then estimating every household, then writing the estimates).
import type { PmtRun } from '@/api/pmt'

/** A run that will not change any more: finished or failed. */
export function isSettled(run: Pick<PmtRun, 'status'>): boolean {
  return run.status === 'finished' || run.status === 'failed'
}

/** What the progress line says the run is doing; `done` and `failed` once it is over. */
export type RunStage = 'queued' | 'estimating' | 'writing' | 'done' | 'failed'

export function stageOf(run: Pick<PmtRun, 'status' | 'phase'>): RunStage {
  switch (run.status) {
    case 'queued':
      return 'queued'
    case 'finished':
      return 'done'
    case 'failed':
      return 'failed'
    case 'running':
      // A run that has begun but not yet counted the register is still estimating.
      return run.phase ?? 'estimating'
  }
}
