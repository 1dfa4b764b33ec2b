import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { ApiError } from '@/api/http'
import * as pmtApi from '@/api/pmt'
import type { PmtRun } from '@/api/pmt'
import { isSettled, stageOf } from '../modules/pmtRun'
import { pollIntervalMs, useRunWatch } from '../modules/useRunWatch'

vi.mock('@/api/pmt', () => ({
  startRun: vi.fn(),
  getRun: vi.fn(),
  listRuns: vi.fn(),
}))

function run(changes: Partial<PmtRun> = {}): PmtRun {
  return {
    id: 7,
    status: 'queued',
    weights_version: 'ilustratif-2026.1',
    phase: null,
    progress_done: 0,
    progress_total: 0,
    percent: 0,
    households: 0,
    skipped: 0,
    error: null,
    created_by: 'operator.dtks',
    created_at: '2026-11-23T03:00:00Z',
    started_at: null,
    finished_at: null,
    ...changes,
  }
}

const conflict = new ApiError({
  status: 409,
  type: 'urn:sinergi:problem:conflict',
  code: 'PMT-2002',
  detail: 'Estimasi PMT lain sedang berjalan.',
})

/** The watch inside an effect scope, as a component would hold it; `end` is leaving the page. */
function watchRuns() {
  const settled: PmtRun[] = []
  const scope = effectScope()
  const runs = scope.run(() => useRunWatch((finished) => settled.push(finished)))!
  return { runs, settled, end: () => scope.stop() }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.mocked(pmtApi.startRun).mockReset()
  vi.mocked(pmtApi.getRun).mockReset()
  vi.mocked(pmtApi.listRuns).mockReset()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('a run as the page tells it', () => {
  it('is followed until it has finished or failed', () => {
    expect(isSettled({ status: 'queued' })).toBe(false)
    expect(isSettled({ status: 'running' })).toBe(false)
    expect(isSettled({ status: 'finished' })).toBe(true)
    expect(isSettled({ status: 'failed' })).toBe(true)
  })

  it('names what it is doing', () => {
    expect(stageOf({ status: 'queued', phase: null })).toBe('queued')
    expect(stageOf({ status: 'running', phase: null })).toBe('estimating')
    expect(stageOf({ status: 'running', phase: 'estimating' })).toBe('estimating')
    expect(stageOf({ status: 'running', phase: 'writing' })).toBe('writing')
    expect(stageOf({ status: 'finished', phase: null })).toBe('done')
    expect(stageOf({ status: 'failed', phase: null })).toBe('failed')
  })
})

describe('useRunWatch', () => {
  it('starts a run and follows its progress until it finishes, once', async () => {
    vi.mocked(pmtApi.startRun).mockResolvedValue(run())
    vi.mocked(pmtApi.getRun)
      .mockResolvedValueOnce(run({ status: 'running', phase: 'estimating', percent: 20 }))
      .mockResolvedValueOnce(run({ status: 'running', phase: 'writing', percent: 75 }))
      .mockResolvedValueOnce(run({ status: 'finished', percent: 100, households: 12 }))
    const { runs, settled } = watchRuns()

    await runs.start()
    expect(runs.run.value?.status).toBe('queued')

    await vi.advanceTimersByTimeAsync(pollIntervalMs)
    expect(runs.run.value?.phase).toBe('estimating')
    await vi.advanceTimersByTimeAsync(pollIntervalMs)
    expect(runs.run.value?.percent).toBe(75)
    await vi.advanceTimersByTimeAsync(pollIntervalMs)
    expect(runs.run.value?.status).toBe('finished')
    expect(settled.map((finished) => finished.households)).toEqual([12])

    // Nothing more is asked once the run is over.
    await vi.advanceTimersByTimeAsync(pollIntervalMs * 5)
    expect(pmtApi.getRun).toHaveBeenCalledTimes(3)
    expect(pmtApi.getRun).toHaveBeenCalledWith(7)
  })

  it('follows the run already going when the server refuses a second one', async () => {
    vi.mocked(pmtApi.startRun).mockRejectedValue(conflict)
    vi.mocked(pmtApi.listRuns).mockResolvedValue({
      items: [run({ id: 6, status: 'running', phase: 'writing', percent: 60 })],
      total: 6,
      next: null,
    })
    vi.mocked(pmtApi.getRun).mockResolvedValue(run({ id: 6, status: 'failed' }))
    const { runs, settled } = watchRuns()

    await runs.start()

    expect(runs.joined.value).toBe(true)
    expect(runs.error.value).toBeNull()
    expect(runs.run.value?.id).toBe(6)
    await vi.advanceTimersByTimeAsync(pollIntervalMs)
    expect(pmtApi.getRun).toHaveBeenCalledWith(6)
    expect(runs.run.value?.status).toBe('failed')
    expect(settled.map((failed) => failed.status)).toEqual(['failed'])
  })

  it('shows a run that is over on arrival without following it', async () => {
    vi.mocked(pmtApi.listRuns).mockResolvedValue({
      items: [run({ status: 'finished', percent: 100 })],
      total: 1,
      next: null,
    })
    const { runs, settled } = watchRuns()

    await runs.resume()
    await vi.advanceTimersByTimeAsync(pollIntervalMs * 3)

    expect(runs.run.value?.status).toBe('finished')
    expect(pmtApi.getRun).not.toHaveBeenCalled()
    expect(settled).toEqual([])
  })

  it('reports a run that finished before its start was answered, so the list is read again', async () => {
    // A small register is estimated in milliseconds: the answer to the start already says finished.
    const done = run({ status: 'finished', percent: 100, households: 10 })
    vi.mocked(pmtApi.startRun).mockResolvedValue(done)
    const { runs, settled } = watchRuns()

    await runs.start()
    await vi.advanceTimersByTimeAsync(pollIntervalMs * 3)

    expect(settled).toEqual([done])
    expect(pmtApi.getRun).not.toHaveBeenCalled()
  })

  it('keeps a refusal to start for the page to show', async () => {
    const forbidden = new ApiError({
      status: 403,
      type: 'urn:sinergi:problem:forbidden',
      code: 'HTTP-1403',
      detail: 'Akses ditolak.',
    })
    vi.mocked(pmtApi.startRun).mockRejectedValue(forbidden)
    const { runs } = watchRuns()

    await runs.start()

    expect(runs.error.value).toBe(forbidden)
    expect(runs.run.value).toBeNull()
    expect(runs.starting.value).toBe(false)
  })

  it('keeps asking through a moment without a connection', async () => {
    vi.mocked(pmtApi.startRun).mockResolvedValue(run())
    vi.mocked(pmtApi.getRun)
      .mockRejectedValueOnce(
        new ApiError({ status: 0, type: 'network', code: 'WEB-0001', detail: 'offline' }),
      )
      .mockResolvedValueOnce(run({ status: 'finished', percent: 100 }))
    const { runs } = watchRuns()

    await runs.start()
    await vi.advanceTimersByTimeAsync(pollIntervalMs)
    expect(runs.error.value?.detail).toBe('offline')
    await vi.advanceTimersByTimeAsync(pollIntervalMs)

    expect(runs.run.value?.status).toBe('finished')
    expect(runs.error.value).toBeNull()
  })

  it('stops asking when the page is left', async () => {
    vi.mocked(pmtApi.startRun).mockResolvedValue(run())
    vi.mocked(pmtApi.getRun).mockResolvedValue(run({ status: 'running', phase: 'estimating' }))
    const { runs, end } = watchRuns()

    await runs.start()
    await vi.advanceTimersByTimeAsync(pollIntervalMs)
    end()
    await vi.advanceTimersByTimeAsync(pollIntervalMs * 5)

    expect(pmtApi.getRun).toHaveBeenCalledTimes(1)
  })
})
