// A change request's payload as a verifier reads it: sections of labelled values in the user's
// language (codes as words, dates as dates), the people it names by name, and for a proposed
// change the value the register holds now beside the value proposed.
import type { ChangeKind, ChangeRequest, ChangeRequestOf } from '@/api/changeRequests'
import {
  householdFields,
  personFields,
  type FieldValue,
  type Household,
  type Person,
} from '@/api/registry'
import { fieldLabel, noValue, valueLabel, type Translator } from '@/registerVocabulary'

export interface PayloadRow {
  /** The catalogue field, or another stable key for rows that are not a field. */
  key: string
  label: string
  value: string
  /** What the register holds now; only for proposed changes to an existing record. */
  current?: string
}

export interface PayloadSection {
  key: string
  title: string
  rows: PayloadRow[]
}

/** What the payload is read against: the household concerned as it is now, and village names. */
export interface PayloadContext {
  household: Household | null
  villageName: (code: string) => string | null
}

type Values = Record<string, FieldValue | undefined>

const catalogueOrder = [...Object.keys(householdFields), ...Object.keys(personFields)]

function inCatalogueOrder(values: Values): string[] {
  const position = (field: string) => {
    const index = catalogueOrder.indexOf(field)
    return index === -1 ? catalogueOrder.length : index
  }
  return Object.keys(values).sort((a, b) => position(a) - position(b))
}

function villageLabel(code: string, context: PayloadContext): string {
  const name = context.villageName(code)
  return name ? `${name} (${code})` : code
}

function valueOf(
  t: Translator,
  context: PayloadContext,
  field: string,
  value: FieldValue | undefined,
) {
  if (field === 'village_code' && typeof value === 'string') return villageLabel(value, context)
  return valueLabel(t, field, value)
}

/**
 * One row per field in `values`, in the order the forms show them. A new record leaves out what
 * was not filled in; a change shows every field it names, a cleared one as a dash.
 */
function rowsOf(
  t: Translator,
  context: PayloadContext,
  values: Values,
  options: { skipEmpty: boolean; now?: Values } = { skipEmpty: true },
): PayloadRow[] {
  const rows: PayloadRow[] = []
  for (const field of inCatalogueOrder(values)) {
    const value = values[field]
    if (options.skipEmpty && (value === null || value === undefined || value === '')) continue
    const row: PayloadRow = {
      key: field,
      label: fieldLabel(t, field),
      value: valueOf(t, context, field, value),
    }
    if (options.now) row.current = valueOf(t, context, field, options.now[field])
    rows.push(row)
  }
  return rows
}

function memberOf(context: PayloadContext, personId: number | null): Person | undefined {
  return context.household?.members.find((member) => member.id === personId)
}

function personName(t: Translator, context: PayloadContext, personId: number | null): string {
  const member = memberOf(context, personId)
  if (member) return member.name
  return personId === null ? noValue : t.t('changeRequest.personNumber', { id: personId })
}

/** The record as it is now, when the request still waits and the record could be read. */
function nowOf(request: ChangeRequest, record: object | undefined): Values | undefined {
  return request.status === 'proposed' && record ? (record as Values) : undefined
}

type Describer<Kind extends ChangeKind> = (
  t: Translator,
  request: ChangeRequestOf<Kind>,
  context: PayloadContext,
) => PayloadSection[]

function lifeEvent<Kind extends 'death' | 'member_left'>(dateKey: string): Describer<Kind> {
  return (t, request, context) => [
    {
      key: 'event',
      title: t.t(`changeRequests.kinds.${request.kind}`),
      rows: [
        {
          key: 'person',
          label: t.t('changeRequest.fields.person'),
          value: personName(t, context, request.person_id),
        },
        {
          key: 'date',
          label: t.t(dateKey),
          value: valueLabel(t, 'life_status_date', request.payload.date),
        },
      ],
    },
  ]
}

const describers: { [Kind in ChangeKind]: Describer<Kind> } = {
  new_household: (t, request, context) => [
    {
      key: 'household',
      title: t.t('changeRequest.sections.household'),
      rows: rowsOf(t, context, request.payload.household),
    },
    ...request.payload.members.map((member, index) => ({
      key: `member-${index}`,
      title: t.t('changeRequest.sections.memberNumbered', {
        number: index + 1,
        name: member.name,
      }),
      rows: rowsOf(t, context, member),
    })),
  ],
  add_member: (t, request, context) => [
    {
      key: 'member',
      title: t.t('changeRequest.sections.newMember'),
      rows: rowsOf(t, context, request.payload.member),
    },
  ],
  death: lifeEvent('changeRequest.fields.deathDate'),
  member_left: lifeEvent('changeRequest.fields.leftDate'),
  move: (t, request, context) => [
    {
      key: 'address',
      title: t.t('changeRequest.sections.newAddress'),
      rows: rowsOf(t, context, request.payload, {
        skipEmpty: false,
        now: nowOf(request, context.household ?? undefined),
      }),
    },
  ],
  split: (t, request, context) => [
    {
      key: 'members',
      title: t.t('changeRequest.sections.leavingMembers'),
      rows: [
        {
          key: 'person_ids',
          label: t.t('changeRequest.fields.members'),
          value: request.payload.person_ids.map((id) => personName(t, context, id)).join(', '),
        },
        {
          key: 'head_person_id',
          label: t.t('changeRequest.fields.newHead'),
          value: personName(t, context, request.payload.head_person_id),
        },
      ],
    },
    {
      key: 'household',
      title: t.t('changeRequest.sections.newHousehold'),
      rows: rowsOf(t, context, request.payload.household),
    },
  ],
  change_household: (t, request, context) => [
    {
      key: 'changes',
      title: t.t('changeRequest.sections.householdChanges'),
      rows: rowsOf(t, context, request.payload.changes, {
        skipEmpty: false,
        now: nowOf(request, context.household ?? undefined),
      }),
    },
  ],
  change_person: (t, request, context) => [
    {
      key: 'changes',
      title: t.t('changeRequest.sections.personChanges', {
        name: personName(t, context, request.person_id),
      }),
      rows: rowsOf(t, context, request.payload.changes, {
        skipEmpty: false,
        now: nowOf(request, memberOf(context, request.person_id)),
      }),
    },
  ],
}

/** The payload of `request` in sections of labelled values. */
export function describePayload(
  t: Translator,
  request: ChangeRequest,
  context: PayloadContext,
): PayloadSection[] {
  // The table is keyed by kind, so the describer fits the request; TypeScript cannot see that.
  const describe = describers[request.kind] as Describer<ChangeKind>
  return describe(t, request, context)
}
