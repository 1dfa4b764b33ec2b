import { describe, expect, it } from 'vitest'
import type { Program } from '@/api/programs'
import {
  draftOf,
  emptyProgramDraft,
  evenStageDates,
  missingFields,
  programChanges,
  toNewProgram,
} from '../modules/programForm'

const bpnt: Program = {
  id: 7,
  agency_id: 2,
  agency_code: 'DINSOS',
  agency_name: 'Dinas Sosial',
  code: 'BPNT-2026',
  sipd_code: null,
  name: 'Bantuan Pangan Non Tunai 2026',
  description: null,
  benefit_type: 'cash',
  target_level: 'household',
  amount_per_stage: 600000,
  quantity_per_stage: null,
  unit: null,
  period_start: '2026-01-01',
  period_end: '2026-12-31',
  stages: [
    { number: 1, name: 'Tahap 1', planned_date: '2026-03-15' },
    { number: 2, name: 'Tahap 2', planned_date: '2026-06-15' },
  ],
  budget: 1200000000,
  target_count: 1000,
  eligibility_rule: { field: 'desil', op: '<=', value: 4 },
  status: 'active',
  version: 3,
  created_at: '2026-01-02T03:04:05Z',
  updated_at: '2026-01-02T03:04:05Z',
}

describe('a new programme as the form sends it', () => {
  it('trims text, leaves out empty optional text and keeps only the measure chosen', () => {
    const draft = {
      ...emptyProgramDraft(2026),
      code: 'pkh-e2e-2026 ',
      name: '  Program Keluarga Harapan ',
      sipd_code: '   ',
      benefit_type: 'cash' as const,
      amount_per_stage: 750000,
      quantity_per_stage: 10,
      unit: 'kg',
      stages: [{ name: ' Tahap 1 ', planned_date: '2026-03-31' }],
    }
    expect(toNewProgram(draft, { all: [] })).toEqual({
      code: 'PKH-E2E-2026',
      sipd_code: null,
      name: 'Program Keluarga Harapan',
      description: null,
      benefit_type: 'cash',
      target_level: 'household',
      amount_per_stage: 750000,
      quantity_per_stage: null,
      unit: null,
      period_start: '2026-01-01',
      period_end: '2026-12-31',
      stages: [{ name: 'Tahap 1', planned_date: '2026-03-31' }],
      budget: null,
      target_count: null,
      eligibility_rule: { all: [] },
      status: 'draft',
    })
  })

  it('names the agency only when one was chosen', () => {
    const draft = { ...emptyProgramDraft(2026), agency_id: 5, benefit_type: 'housing' as const }
    expect(toNewProgram(draft, { all: [] }).agency_id).toBe(5)
  })

  it('sends goods with their unit and no rupiah amount', () => {
    const draft = {
      ...emptyProgramDraft(2026),
      benefit_type: 'in_kind' as const,
      measure: 'quantity' as const,
      amount_per_stage: 100,
      quantity_per_stage: 10,
      unit: ' kg beras ',
    }
    expect(toNewProgram(draft, { all: [] })).toMatchObject({
      amount_per_stage: null,
      quantity_per_stage: 10,
      unit: 'kg beras',
    })
  })

  it('says which required fields are empty, stage by stage', () => {
    const draft = {
      ...emptyProgramDraft(2026),
      period_end: '',
      stages: [{ name: '', planned_date: '2026-02-01' }],
    }
    expect(missingFields(draft, true)).toEqual([
      'code',
      'name',
      'benefit_type',
      'period_end',
      'stages[0].name',
    ])
    expect(missingFields(draft, false)).not.toContain('code')
  })
})

describe('a change to a programme', () => {
  it('is nothing when nothing was changed', () => {
    expect(programChanges(bpnt, draftOf(bpnt))).toEqual({})
  })

  it('names only the fields changed, in their stored form', () => {
    const draft = { ...draftOf(bpnt), name: 'BPNT 2026 ', description: 'Sembako', budget: null }
    expect(programChanges(bpnt, draft)).toEqual({
      name: 'BPNT 2026',
      description: 'Sembako',
      budget: null,
    })
  })

  it('sends the whole schedule when a stage changed', () => {
    const draft = draftOf(bpnt)
    draft.stages = [...draft.stages, { name: 'Tahap 3', planned_date: '2026-09-15' }]
    expect(programChanges(bpnt, draft)).toEqual({
      stages: [
        { name: 'Tahap 1', planned_date: '2026-03-15' },
        { name: 'Tahap 2', planned_date: '2026-06-15' },
        { name: 'Tahap 3', planned_date: '2026-09-15' },
      ],
    })
  })

  it('clears the rupiah amount when the programme turns to goods', () => {
    const draft = {
      ...draftOf(bpnt),
      measure: 'quantity' as const,
      quantity_per_stage: 10,
      unit: 'kg',
    }
    expect(programChanges(bpnt, draft)).toEqual({
      amount_per_stage: null,
      quantity_per_stage: 10,
      unit: 'kg',
    })
  })
})

describe('stages spread over a period', () => {
  it('cuts a year at quarter ends', () => {
    expect(evenStageDates(4, '2026-01-01', '2026-12-31')).toEqual([
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
    ])
  })

  it('cuts a period of whole months across a year end at month ends', () => {
    expect(evenStageDates(2, '2026-07-01', '2027-06-30')).toEqual(['2026-12-31', '2027-06-30'])
  })

  it('cuts any other period by days, the last stage on its last day', () => {
    expect(evenStageDates(3, '2026-03-10', '2026-03-18')).toEqual([
      '2026-03-12',
      '2026-03-15',
      '2026-03-18',
    ])
  })

  it('gives nothing for a period that cannot hold the stages', () => {
    expect(evenStageDates(5, '2026-03-10', '2026-03-12')).toEqual([])
    expect(evenStageDates(2, '2026-03-10', '2026-03-01')).toEqual([])
    expect(evenStageDates(2, '', '2026-03-01')).toEqual([])
    expect(evenStageDates(0, '2026-01-01', '2026-12-31')).toEqual([])
  })
})
