import { describe, expect, it } from 'vitest'
import { isSettled, outcomeOf, uploadPercent } from '../modules/importJob'

const finished = {
  status: 'finished',
  committed: true,
  rows_refused: 0,
  stopped_at_row: null,
  issue_count: 0,
} as const

describe('upload progress', () => {
  it('is the share of the file sent, in whole percent', () => {
    expect(uploadPercent({ loaded: 0, total: 2048 })).toBe(0)
    expect(uploadPercent({ loaded: 1023, total: 2048 })).toBe(49)
    expect(uploadPercent({ loaded: 2048, total: 2048 })).toBe(100)
  })

  it('has not started while nothing is known', () => {
    expect(uploadPercent(null)).toBe(0)
    expect(uploadPercent({ loaded: 10, total: 0 })).toBe(0)
  })
})

describe('an import job', () => {
  it('is followed until it has finished or failed', () => {
    expect(isSettled({ status: 'queued' })).toBe(false)
    expect(isSettled({ status: 'running' })).toBe(false)
    expect(isSettled({ status: 'finished' })).toBe(true)
    expect(isSettled({ status: 'failed' })).toBe(true)
  })

  it('has no outcome while it runs', () => {
    expect(outcomeOf({ ...finished, status: 'running' })).toBeNull()
  })

  it('imported everything when it committed and refused no row', () => {
    expect(outcomeOf(finished)).toBe('all')
  })

  it('imported part of the file when it committed and left rows out', () => {
    expect(outcomeOf({ ...finished, rows_refused: 3, issue_count: 3 })).toBe('partly')
    expect(outcomeOf({ ...finished, stopped_at_row: 120, issue_count: 1 })).toBe('partly')
  })

  it('refused the whole file when problems kept it from committing', () => {
    expect(outcomeOf({ ...finished, committed: false, rows_refused: 1, issue_count: 1 })).toBe(
      'refused',
    )
  })

  it('imported nothing from a file with nothing in it', () => {
    expect(outcomeOf({ ...finished, committed: false })).toBe('nothing')
  })

  it('failed when the job itself failed', () => {
    expect(outcomeOf({ ...finished, status: 'failed', committed: false })).toBe('failed')
  })
})
