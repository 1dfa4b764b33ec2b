// The steps an enrolment and a stage's line may take, mirrored from the server (the lifecycle
// blocks in src/programs/enrolments.hpp and stages.hpp) so that the UI offers only those; the
// server still decides each one.
import type {
  DisbursementOutcome,
  DisbursementStatus,
  Enrolment,
  EnrolmentStatus,
  EnrolmentTarget,
} from '@/api/programs'

//   proposed ──► verified ──► active ──► graduated
//       └────────────┴───────────┴─────► exited
const enrolmentSteps: Record<EnrolmentStatus, readonly EnrolmentTarget[]> = {
  proposed: ['verified', 'exited'],
  verified: ['active', 'exited'],
  active: ['graduated', 'exited'],
  graduated: [],
  exited: [],
}

const targetOrder: readonly EnrolmentTarget[] = ['verified', 'active', 'graduated', 'exited']

export function canMove(status: EnrolmentStatus, to: EnrolmentTarget): boolean {
  return enrolmentSteps[status].includes(to)
}

/** The statuses at least one of `enrolments` may move to, in lifecycle order. */
export function targetsFor(enrolments: readonly Pick<Enrolment, 'status'>[]): EnrolmentTarget[] {
  return targetOrder.filter((to) => enrolments.some((enrolment) => canMove(enrolment.status, to)))
}

/** Those of `enrolments` that may move to `to`. */
export function movable<Item extends Pick<Enrolment, 'status'>>(
  enrolments: readonly Item[],
  to: EnrolmentTarget,
): Item[] {
  return enrolments.filter((enrolment) => canMove(enrolment.status, to))
}

//   planned ──► paid ──► returned
//      │         ▲
//      └──► failed (a failed payment may be paid later)
const lineSteps: Record<DisbursementStatus, readonly DisbursementOutcome[]> = {
  planned: ['paid', 'failed'],
  failed: ['paid'],
  paid: ['returned'],
  returned: [],
}

/** What may still be recorded for a line in `status`. */
export function outcomesFor(status: DisbursementStatus): readonly DisbursementOutcome[] {
  return lineSteps[status]
}
