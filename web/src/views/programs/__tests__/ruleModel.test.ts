import { describe, expect, it } from 'vitest'
import {
  newCondition,
  newGroup,
  newMembers,
  operatorsFor,
  placeComplaints,
  readRule,
  ruleFieldOf,
  valueForOperator,
  withField,
  writeRule,
  type FieldNode,
  type GroupNode,
  type MembersNode,
} from '../modules/ruleModel'

function read(json: unknown): GroupNode {
  const result = readRule(json)
  if (!result.ok) throw new Error(`unreadable: ${JSON.stringify(result.problem)}`)
  return result.rule
}

function roundTrip(json: unknown): unknown {
  return writeRule(read(json)).json
}

// The examples of docs/eligibility-rules.md, as the server stores them (counts written out).
const examples: Record<string, unknown> = {
  pkh: {
    all: [
      { field: 'desil', op: 'between', value: [1, 4] },
      {
        any: [
          {
            members: {
              where: {
                all: [
                  { field: 'sex', op: '=', value: 'P' },
                  { field: 'pregnant', op: '=', value: true },
                ],
              },
              at_least: 1,
            },
          },
          { members: { where: { field: 'age', op: 'between', value: [0, 6] }, at_least: 1 } },
          { members: { where: { field: 'age', op: '>=', value: 70 }, at_least: 1 } },
          {
            members: {
              where: { field: 'disability_severity', op: '=', value: 'berat' },
              at_least: 1,
            },
          },
        ],
      },
    ],
  },
  bpnt: { field: 'desil', op: 'between', value: [1, 4] },
  rtlh: {
    all: [
      { field: 'desil', op: '<=', value: 4 },
      { field: 'house_ownership', op: '=', value: 'milik_sendiri' },
      {
        any: [
          { field: 'floor_material', op: '=', value: 'tanah' },
          {
            field: 'wall_material',
            op: 'in',
            value: ['anyaman_bambu', 'plesteran_anyaman_bambu'],
          },
        ],
      },
      { not: { enrolled_in: 'RTLH-2025' } },
    ],
  },
  largeFamilies: {
    all: [
      {
        members: {
          where: {
            all: [
              { field: 'relation', op: 'in', value: ['anak', 'cucu'] },
              { field: 'age', op: '<', value: 18 },
            ],
          },
          at_least: 3,
        },
      },
      {
        members: { where: { field: 'schooling', op: '=', value: 'perguruan_tinggi' }, at_most: 0 },
      },
    ],
  },
  noWorkingMember: {
    all: [
      { region: ['33.02.01', '33.02.02'] },
      { members: { where: { field: 'work_status', op: '=', value: 'bekerja' }, exactly: 0 } },
    ],
  },
  locus: { region: '33.02.01.2001' },
  recorded: { not: { field: 'desil', op: 'missing' } },
  everyone: { all: [] },
  rangeOfMembers: { members: { at_least: 2, at_most: 4 } },
}

describe('reading a rule into the builder and writing it back', () => {
  for (const [name, json] of Object.entries(examples)) {
    it(`gives back the ${name} example unchanged`, () => {
      expect(roundTrip(json)).toEqual(json)
    })
  }

  it('shows a lone condition in a group of its own and leaves that group out again', () => {
    const rule = read({ field: 'desil', op: '<=', value: 4 })
    expect(rule.implicit).toBe(true)
    expect(rule.children).toHaveLength(1)
    expect(writeRule(rule).json).toEqual({ field: 'desil', op: '<=', value: 4 })
  })

  it('writes the group once a second condition is added to a lone one', () => {
    const rule = read({ field: 'desil', op: '<=', value: 4 })
    rule.children.push(newCondition('household'))
    expect(writeRule(rule).json).toEqual({
      all: [
        { field: 'desil', op: '<=', value: 4 },
        { field: 'desil', op: '<=', value: 4 },
      ],
    })
  })

  it('turns `not` into a flag and a double `not` into none, which means the same', () => {
    const rule = read({ not: { not: { enrolled_in: 'PKH-2026' } } })
    expect(rule.children[0]?.negated).toBe(false)
    expect(writeRule(rule).json).toEqual({ enrolled_in: 'PKH-2026' })
  })

  it('counts every living member when `where` is left out, and says so by leaving it out', () => {
    const rule = read({ members: { at_least: 3 } })
    const members = rule.children[0] as MembersNode
    expect(members.where.children).toEqual([])
    expect(members.count).toEqual({ quantifier: 'at_least', n: 3, max: null })
    expect(writeRule(rule).json).toEqual({ members: { at_least: 3 } })
  })

  it('writes the count explicitly, as the server stores it, when none was given', () => {
    expect(roundTrip({ members: { where: { field: 'age', op: '>=', value: 60 } } })).toEqual({
      members: { where: { field: 'age', op: '>=', value: 60 }, at_least: 1 },
    })
  })

  it('writes one region as a code and several as a list', () => {
    expect(roundTrip({ region: ['33.02'] })).toEqual({ region: '33.02' })
  })

  it('keeps a value the server will refuse, so that its complaint can be shown at it', () => {
    const json = { field: 'desil', op: '<=', value: '4' }
    expect(roundTrip(json)).toEqual(json)
  })

  it('leaves out a value the builder has not been given yet', () => {
    const rule = newGroup('all', [
      { id: 'x', kind: 'field', negated: false, field: 'desil', op: '<=', value: null },
    ])
    expect(writeRule(rule).json).toEqual({ all: [{ field: 'desil', op: '<=' }] })
  })
})

describe('rules the builder cannot show', () => {
  it('names an unknown key and where it is, rather than dropping it', () => {
    const result = readRule({ all: [{ field: 'desil', op: '<=', value: 4, unit: 'x' }] })
    expect(result).toEqual({
      ok: false,
      problem: { reason: 'unknownKey', path: 'eligibility_rule.all[0].unit', key: 'unit' },
    })
  })

  it('refuses a condition with two kinds at once', () => {
    const result = readRule({ all: [], any: [] })
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.problem).toMatchObject({ reason: 'kinds', path: 'eligibility_rule' })
  })

  it('refuses a between without exactly two values', () => {
    const result = readRule({ field: 'desil', op: 'between', value: [1, 2, 3] })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.problem).toMatchObject({ reason: 'value', path: 'eligibility_rule.value' })
    }
  })

  it('refuses a household condition inside members.where, naming it', () => {
    const result = readRule({ members: { where: { enrolled_in: 'PKH' } } })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.problem).toEqual({
        reason: 'householdOnly',
        path: 'eligibility_rule.members.where.enrolled_in',
        key: 'enrolled_in',
      })
    }
  })

  it('refuses exactly together with another count', () => {
    const result = readRule({ members: { exactly: 1, at_least: 1 } })
    expect(result.ok).toBe(false)
  })

  it('refuses a rule that is not an object', () => {
    expect(readRule([1, 2]).ok).toBe(false)
    expect(readRule(null).ok).toBe(false)
  })
})

describe("placing the server's complaints", () => {
  it('puts a complaint about a value beside the condition it belongs to', () => {
    const rule = read(examples.rtlh)
    const { places } = writeRule(rule)
    const anyGroup = rule.children[2] as GroupNode
    const wall = anyGroup.children[1] as FieldNode
    const placed = placeComplaints(
      {
        'eligibility_rule.all[2].any[1].value[1]': 'kode tidak dikenal',
        'eligibility_rule.all[0].op': 'op salah',
      },
      places,
    )
    expect(placed.byNode[wall.id]).toEqual(['kode tidak dikenal'])
    expect(placed.byNode[rule.children[0]!.id]).toEqual(['op salah'])
    expect(placed.elsewhere).toEqual([])
  })

  it('finds a negated condition under its `not`', () => {
    const rule = read(examples.rtlh)
    const { places } = writeRule(rule)
    const placed = placeComplaints(
      { 'eligibility_rule.all[3].not.enrolled_in': 'tidak ada program itu' },
      places,
    )
    expect(placed.byNode[rule.children[3]!.id]).toEqual(['tidak ada program itu'])
  })

  it('finds the condition of a members.where the builder wrapped', () => {
    const rule = read({ members: { where: { field: 'schooling', op: '>=', value: 'smp' } } })
    const members = rule.children[0] as MembersNode
    const { places } = writeRule(rule)
    const placed = placeComplaints({ 'eligibility_rule.members.where.op': 'op salah' }, places)
    expect(placed.byNode[members.where.children[0]!.id]).toEqual(['op salah'])
  })

  it('keeps complaints about anything but the rule apart', () => {
    const { places } = writeRule(read(examples.bpnt))
    const placed = placeComplaints({ limit: 'limit harus 0–100' }, places)
    expect(placed.elsewhere).toEqual(['limit harus 0–100'])
  })
})

describe('editing a condition', () => {
  it('offers only the operators a field type takes', () => {
    expect(operatorsFor(ruleFieldOf('floor_material', 'household'))).toEqual([
      '=',
      '!=',
      'in',
      'not_in',
      'missing',
      'present',
    ])
    expect(operatorsFor(ruleFieldOf('has_car', 'household'))).toEqual([
      '=',
      '!=',
      'missing',
      'present',
    ])
    expect(operatorsFor(ruleFieldOf('nik', 'person'))).toEqual(['missing', 'present'])
    expect(operatorsFor(ruleFieldOf('age', 'person'))).toContain('between')
    expect(operatorsFor(ruleFieldOf('verified_at', 'household'))).not.toContain('in')
  })

  it('keeps what was typed when the operator changes', () => {
    expect(valueForOperator(4, 'in')).toEqual([4])
    expect(valueForOperator([1, 2, 3], '<=')).toBe(1)
    expect(valueForOperator(6, 'between')).toEqual([6, null])
    expect(valueForOperator([6, 18], 'missing')).toBeNull()
  })

  it('starts a new field afresh when the old value cannot fit it', () => {
    const desil: FieldNode = newCondition('household')
    const floor = withField(desil, 'floor_material', 'household')
    expect(floor).toMatchObject({ field: 'floor_material', op: '=', value: null })
    const area = withField(desil, 'floor_area_m2', 'household')
    expect(area).toMatchObject({ field: 'floor_area_m2', op: '<=', value: 4 })
  })

  it('starts a member count with one member aged 6–18', () => {
    const members = newMembers()
    const rule = newGroup('all', [members])
    expect(writeRule(rule).json).toEqual({
      all: [{ members: { where: { field: 'age', op: 'between', value: [6, 18] }, at_least: 1 } }],
    })
  })
})
