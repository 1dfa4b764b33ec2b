// A programme as its form holds it, and what the form sends: a new programme in full, or for a
// change only the fields that differ from the programme as loaded (each as the server stores it:
// text trimmed, an emptied field as null), so that the audit trail names exactly those fields.
import type {
  BenefitType,
  NewProgram,
  Program,
  ProgramChanges,
  ProgramStageInput,
  RuleJson,
  TargetLevel,
} from '@/api/programs'

/** Whether the benefit is counted in rupiah or in goods (kg, paket, unit rumah). */
export type Measure = 'amount' | 'quantity'

export interface StageDraft {
  name: string
  planned_date: string
}

export interface ProgramDraft {
  agency_id: number | null
  code: string
  sipd_code: string
  name: string
  description: string
  benefit_type: BenefitType | null
  target_level: TargetLevel
  measure: Measure
  amount_per_stage: number | null
  quantity_per_stage: number | null
  unit: string
  period_start: string
  period_end: string
  stages: StageDraft[]
  budget: number | null
  target_count: number | null
  status: 'draft' | 'active'
}

/** A new programme running over the calendar year `year`, counted in rupiah, as a draft. */
export function emptyProgramDraft(year: number): ProgramDraft {
  return {
    agency_id: null,
    code: '',
    sipd_code: '',
    name: '',
    description: '',
    benefit_type: null,
    target_level: 'household',
    measure: 'amount',
    amount_per_stage: null,
    quantity_per_stage: null,
    unit: '',
    period_start: `${year}-01-01`,
    period_end: `${year}-12-31`,
    stages: [],
    budget: null,
    target_count: null,
    status: 'draft',
  }
}

/** The form of an existing programme. */
export function draftOf(program: Program): ProgramDraft {
  return {
    agency_id: program.agency_id,
    code: program.code,
    sipd_code: program.sipd_code ?? '',
    name: program.name,
    description: program.description ?? '',
    benefit_type: program.benefit_type,
    target_level: program.target_level,
    measure:
      program.quantity_per_stage !== null && program.amount_per_stage === null
        ? 'quantity'
        : 'amount',
    amount_per_stage: program.amount_per_stage,
    quantity_per_stage: program.quantity_per_stage,
    unit: program.unit ?? '',
    period_start: program.period_start,
    period_end: program.period_end,
    stages: program.stages.map(({ name, planned_date }) => ({ name, planned_date })),
    budget: program.budget,
    target_count: program.target_count,
    status: program.status === 'active' ? 'active' : 'draft',
  }
}

function textOrNull(text: string): string | null {
  const trimmed = text.trim()
  return trimmed === '' ? null : trimmed
}

function stagesOf(draft: ProgramDraft): ProgramStageInput[] {
  return draft.stages.map((stage) => ({
    name: stage.name.trim(),
    planned_date: stage.planned_date,
  }))
}

/** The fields both a new programme and a change carry, in their stored form. */
function storedFields(draft: ProgramDraft) {
  // Only the measure chosen is kept: a programme pays money or hands out goods per stage.
  const inRupiah = draft.measure === 'amount'
  return {
    sipd_code: textOrNull(draft.sipd_code),
    name: draft.name.trim(),
    description: textOrNull(draft.description),
    benefit_type: draft.benefit_type ?? undefined,
    target_level: draft.target_level,
    amount_per_stage: inRupiah ? draft.amount_per_stage : null,
    quantity_per_stage: inRupiah ? null : draft.quantity_per_stage,
    unit: inRupiah ? null : textOrNull(draft.unit),
    period_start: draft.period_start,
    period_end: draft.period_end,
    stages: stagesOf(draft),
    budget: draft.budget,
    target_count: draft.target_count,
  }
}

/** The request that creates the programme; `agency_id` only when one was chosen (the admin). */
export function toNewProgram(draft: ProgramDraft, rule: RuleJson): NewProgram {
  const fields = storedFields(draft)
  return {
    ...(draft.agency_id === null ? {} : { agency_id: draft.agency_id }),
    code: draft.code.trim().toUpperCase(),
    ...fields,
    benefit_type: fields.benefit_type as BenefitType,
    eligibility_rule: rule,
    status: draft.status,
  }
}

/** The fields of `draft` that differ from `program`; empty when nothing changed. */
export function programChanges(program: Program, draft: ProgramDraft): ProgramChanges {
  const before = storedFields(draftOf(program))
  const after = storedFields(draft)
  const changes: Record<string, unknown> = {}
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key]
  }
  return changes as ProgramChanges
}

/** The fields a new programme cannot do without, left empty in `draft`. */
export function missingFields(draft: ProgramDraft, creating: boolean): string[] {
  const missing: string[] = []
  if (creating && draft.code.trim() === '') missing.push('code')
  if (draft.name.trim() === '') missing.push('name')
  if (draft.benefit_type === null) missing.push('benefit_type')
  if (!draft.period_start) missing.push('period_start')
  if (!draft.period_end) missing.push('period_end')
  draft.stages.forEach((stage, index) => {
    if (stage.name.trim() === '') missing.push(`stages[${index}].name`)
    if (!stage.planned_date) missing.push(`stages[${index}].planned_date`)
  })
  return missing
}

// ---- Stage schedules ----------------------------------------------------------------------------

function parseDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return null
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return Number.isNaN(date.getTime()) ? null : date
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function lastDayOfMonth(year: number, month: number): Date {
  return new Date(Date.UTC(year, month + 1, 0))
}

/**
 * The planned dates of `count` stages spread evenly over the period, each at the end of its share:
 * a period of whole months is cut at month ends (a year in four: 31 March, 30 June, 30 September,
 * 31 December), any other period by days. Empty when the period cannot hold `count` stages.
 */
export function evenStageDates(count: number, periodStart: string, periodEnd: string): string[] {
  const start = parseDate(periodStart)
  const end = parseDate(periodEnd)
  if (!start || !end || end < start || !Number.isInteger(count) || count < 1) return []
  const startsMonth = start.getUTCDate() === 1
  const endsMonth =
    end.getTime() === lastDayOfMonth(end.getUTCFullYear(), end.getUTCMonth()).getTime()
  const months =
    (end.getUTCFullYear() - start.getUTCFullYear()) * 12 +
    end.getUTCMonth() -
    start.getUTCMonth() +
    1
  if (startsMonth && endsMonth && months % count === 0) {
    const step = months / count
    return Array.from({ length: count }, (_, i) => {
      const monthIndex = start.getUTCMonth() + step * (i + 1) - 1
      return isoDate(lastDayOfMonth(start.getUTCFullYear(), monthIndex))
    })
  }
  const dayMs = 24 * 60 * 60 * 1000
  const days = Math.round((end.getTime() - start.getTime()) / dayMs) + 1
  if (days < count) return []
  return Array.from({ length: count }, (_, i) => {
    const lastDay = Math.floor(((i + 1) * days) / count) - 1
    return isoDate(new Date(start.getTime() + lastDay * dayMs))
  })
}
