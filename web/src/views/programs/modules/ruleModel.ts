// The rule builder's model of an eligibility rule (docs/eligibility-rules.md): a tree the builder
// edits, read from the rule's JSON and written back to it. Reading refuses what the tree cannot
// carry (an unknown key, a value of a shape no operator takes), so that writing never drops a part
// of a rule; `not` becomes a flag on the node it wraps, and a lone condition at the top or under
// `members.where` sits in a group the builder adds and leaves out of the JSON again. Writing also
// records where in the JSON each node went, so the server's complaints (which name JSON paths such
// as `eligibility_rule.all[1].value[0]`) can be shown beside the condition they are about.
import type { RuleJson } from '@/api/programs'
import { householdFields, personFields, type FieldSpec } from '@/api/registry'

export type RuleOperator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not_in' | 'between' | 'missing' | 'present'

/** Whether a condition is about the household or about one member (inside `members.where`). */
export type RuleLevel = 'household' | 'person'

/** What a field holds, which decides the operators it accepts and the input for its value. */
export type ConditionKind = 'number' | 'date' | 'choice' | 'text' | 'yesNo' | 'identifying'

export interface RuleField {
  name: string
  kind: ConditionKind
  codes?: readonly string[]
  min?: number
  max?: number
  /** Decimals allowed (floor area); other numbers are whole. */
  decimal?: boolean
  /** A field the server knows and this UI does not: every operator is offered, the server decides. */
  unknown?: boolean
}

export type Scalar = string | number | boolean
/** A condition's value as the builder holds it: null (or a null in a list) is "not given yet". */
export type ConditionValue = Scalar | null | (Scalar | null)[]

interface NodeBase {
  /** Stable while the builder edits the tree: keys for Vue and places for the server's complaints. */
  id: string
  /** Written as `{"not": …}` around the node. */
  negated: boolean
}

export interface GroupNode extends NodeBase {
  kind: 'group'
  mode: 'all' | 'any'
  children: RuleNode[]
  /**
   * Added by the builder around a lone condition (or nothing) that the JSON had on its own; as
   * long as it still holds just that, it is left out of the JSON again.
   */
  implicit: boolean
}

export interface FieldNode extends NodeBase {
  kind: 'field'
  field: string
  op: RuleOperator
  value: ConditionValue
}

export interface RegionNode extends NodeBase {
  kind: 'region'
  codes: string[]
}

export type MemberQuantifier = 'at_least' | 'at_most' | 'exactly' | 'between' | 'none'

export interface MemberCount {
  quantifier: MemberQuantifier
  /** The number for at least / at most / exactly, the lower bound for between. */
  n: number | null
  /** The upper bound for between. */
  max: number | null
}

export interface MembersNode extends NodeBase {
  kind: 'members'
  count: MemberCount
  /** The condition on one member; an empty `all` counts every living member. */
  where: GroupNode
}

export interface EnrolledNode extends NodeBase {
  kind: 'enrolled'
  /** The other programme's code. */
  code: string
}

export type RuleNode = GroupNode | FieldNode | RegionNode | MembersNode | EnrolledNode

// ---- The fields a rule may test -----------------------------------------------------------------

/** Fields that single out a family or a person: a rule may only ask whether they are recorded. */
export const identifyingFields: readonly string[] = [
  'kk_number',
  'address',
  'nik',
  'name',
  'birth_place',
]

function ruleField(spec: FieldSpec): RuleField {
  const kind: ConditionKind = identifyingFields.includes(spec.name)
    ? 'identifying'
    : spec.kind === 'code'
      ? 'choice'
      : spec.kind === 'whole' || spec.kind === 'decimal'
        ? 'number'
        : spec.kind === 'yesNo'
          ? 'yesNo'
          : spec.kind === 'date'
            ? 'date'
            : 'text'
  return {
    name: spec.name,
    kind,
    codes: spec.codes,
    min: spec.min,
    max: spec.max,
    decimal: spec.kind === 'decimal',
  }
}

/** Age in whole years on the evaluation date, derived from the birth date. */
export const ageField: RuleField = { name: 'age', kind: 'number', min: 0, max: 150 }

export const ruleFields: Record<RuleLevel, readonly RuleField[]> = {
  household: Object.values(householdFields).map(ruleField),
  person: [ageField, ...Object.values(personFields).map(ruleField)],
}

/** The field `name` at `level`; a field this UI does not know reads as text with every operator. */
export function ruleFieldOf(name: string, level: RuleLevel): RuleField {
  return (
    ruleFields[level].find((field) => field.name === name) ?? { name, kind: 'text', unknown: true }
  )
}

const allOperators: readonly RuleOperator[] = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not_in',
  'between',
  'missing',
  'present',
]

const operatorsByKind: Record<ConditionKind, readonly RuleOperator[]> = {
  number: allOperators,
  date: ['=', '!=', '<', '<=', '>', '>=', 'between', 'missing', 'present'],
  choice: ['=', '!=', 'in', 'not_in', 'missing', 'present'],
  text: ['=', '!=', 'in', 'not_in', 'missing', 'present'],
  yesNo: ['=', '!=', 'missing', 'present'],
  identifying: ['missing', 'present'],
}

/** The operators the server accepts for `field` (docs/eligibility-rules.md, "Which operators"). */
export function operatorsFor(field: RuleField): readonly RuleOperator[] {
  return field.unknown ? allOperators : operatorsByKind[field.kind]
}

const operatorKeys: Record<RuleOperator, string> = {
  '=': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  in: 'in',
  not_in: 'notIn',
  between: 'between',
  missing: 'missing',
  present: 'present',
}

/** The operator's name in the message catalogue (`programs.rule.ops.<key>`). */
export function operatorKey(op: RuleOperator): string {
  return operatorKeys[op]
}

/** How many values an operator takes: none, one, a list, or a [min, max] pair. */
export function valueShape(op: RuleOperator): 'none' | 'one' | 'list' | 'pair' {
  if (op === 'missing' || op === 'present') return 'none'
  if (op === 'in' || op === 'not_in') return 'list'
  if (op === 'between') return 'pair'
  return 'one'
}

// ---- Making and changing nodes ------------------------------------------------------------------

let lastId = 0

function nextId(): string {
  lastId += 1
  return `rule-${lastId}`
}

export function newGroup(mode: 'all' | 'any' = 'all', children: RuleNode[] = []): GroupNode {
  return { id: nextId(), kind: 'group', negated: false, mode, children, implicit: false }
}

/** A condition to start from: what most programmes ask first (desil ≤ 4; a member aged 6–18). */
export function newCondition(level: RuleLevel): FieldNode {
  return level === 'household'
    ? { id: nextId(), kind: 'field', negated: false, field: 'desil', op: '<=', value: 4 }
    : { id: nextId(), kind: 'field', negated: false, field: 'age', op: 'between', value: [6, 18] }
}

export function newRegion(): RegionNode {
  return { id: nextId(), kind: 'region', negated: false, codes: [] }
}

export function newMembers(): MembersNode {
  const where = newGroup('all', [newCondition('person')])
  where.implicit = true
  return {
    id: nextId(),
    kind: 'members',
    negated: false,
    count: { quantifier: 'at_least', n: 1, max: null },
    where,
  }
}

export function newEnrolled(): EnrolledNode {
  return { id: nextId(), kind: 'enrolled', negated: false, code: '' }
}

/** The empty rule: every household (a universal service). */
export function emptyRule(): GroupNode {
  return newGroup('all')
}

function firstOf(value: ConditionValue): Scalar | null {
  return Array.isArray(value) ? (value[0] ?? null) : value
}

/** The value carried over when a condition's operator changes, so that nothing typed is lost needlessly. */
export function valueForOperator(value: ConditionValue, op: RuleOperator): ConditionValue {
  switch (valueShape(op)) {
    case 'none':
      return null
    case 'list':
      if (Array.isArray(value)) return value.filter((item) => item !== null)
      return value === null ? [] : [value]
    case 'pair':
      if (Array.isArray(value)) return [value[0] ?? null, value[1] ?? null]
      return [value, null]
    case 'one':
      return firstOf(value)
  }
}

/** A condition on another field: its operator kept when the new field takes it, the value when it fits. */
export function withField(node: FieldNode, name: string, level: RuleLevel): FieldNode {
  const before = ruleFieldOf(node.field, level)
  const after = ruleFieldOf(name, level)
  const operators = operatorsFor(after)
  const op = operators.includes(node.op) ? node.op : defaultOperator(after)
  const keepsValue =
    before.kind === after.kind &&
    (after.kind !== 'choice' || before.codes === after.codes) &&
    after.kind !== 'identifying'
  const value = keepsValue ? valueForOperator(node.value, op) : emptyValue(after, op)
  return { ...node, field: name, op, value }
}

function defaultOperator(field: RuleField): RuleOperator {
  switch (field.kind) {
    case 'number':
    case 'date':
      return '<='
    case 'identifying':
      return 'present'
    default:
      return '='
  }
}

function emptyValue(field: RuleField, op: RuleOperator): ConditionValue {
  const shape = valueShape(op)
  if (shape === 'none') return null
  if (shape === 'list') return []
  if (shape === 'pair') return [null, null]
  return field.kind === 'yesNo' ? true : null
}

// ---- Reading JSON -------------------------------------------------------------------------------

/** Why the builder cannot show a rule (it may still be sent as JSON, and the server says what is wrong). */
export type UnreadableReason =
  | 'notObject'
  | 'kinds'
  | 'unknownKey'
  | 'notList'
  | 'field'
  | 'operator'
  | 'value'
  | 'region'
  | 'members'
  | 'enrolled'
  | 'householdOnly'

export interface Unreadable {
  reason: UnreadableReason
  /** Where in the JSON, as the server names places (`eligibility_rule.all[1].op`). */
  path: string
  /** The key at fault, for `unknownKey` and `householdOnly`. */
  key?: string
}

export type ReadResult = { ok: true; rule: GroupNode } | { ok: false; problem: Unreadable }

class UnreadableRule extends Error {
  constructor(readonly problem: Unreadable) {
    super(problem.reason)
  }
}

const ruleKinds = ['all', 'any', 'not', 'field', 'region', 'members', 'enrolled_in'] as const

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

function refuse(reason: UnreadableReason, path: string, key?: string): never {
  throw new UnreadableRule({ reason, path, key })
}

function readNode(json: unknown, path: string, level: RuleLevel): RuleNode {
  if (!isObject(json)) refuse('notObject', path)
  const keys = Object.keys(json)
  const kinds = keys.filter((key) => (ruleKinds as readonly string[]).includes(key))
  if (kinds.length !== 1) refuse('kinds', path)
  const kind = kinds[0]!
  if (kind === 'field') {
    const extra = keys.find((key) => !['field', 'op', 'value'].includes(key))
    if (extra !== undefined) refuse('unknownKey', `${path}.${extra}`, extra)
    return readField(json, path)
  }
  const extra = keys.find((key) => key !== kind)
  if (extra !== undefined) refuse('unknownKey', `${path}.${extra}`, extra)
  const inner = json[kind]
  const innerPath = `${path}.${kind}`
  if (level === 'person' && (kind === 'region' || kind === 'members' || kind === 'enrolled_in')) {
    refuse('householdOnly', innerPath, kind)
  }
  switch (kind) {
    case 'all':
    case 'any': {
      if (!Array.isArray(inner)) refuse('notList', innerPath)
      const children = inner.map((child, i) => readNode(child, `${innerPath}[${i}]`, level))
      return newGroup(kind, children)
    }
    case 'not': {
      const node = readNode(inner, innerPath, level)
      return { ...node, negated: !node.negated }
    }
    case 'region':
      return readRegion(inner, innerPath)
    case 'members':
      return readMembers(inner, innerPath)
    default:
      if (typeof inner !== 'string') refuse('enrolled', innerPath)
      return { ...newEnrolled(), code: inner }
  }
}

function readField(json: Record<string, unknown>, path: string): FieldNode {
  if (typeof json.field !== 'string') refuse('field', `${path}.field`)
  const op = json.op
  if (typeof op !== 'string' || !(allOperators as readonly string[]).includes(op)) {
    refuse('operator', `${path}.op`)
  }
  const operator = op as RuleOperator
  const valuePath = `${path}.value`
  const given = 'value' in json
  let value: ConditionValue = null
  switch (valueShape(operator)) {
    case 'none':
      if (given) refuse('value', valuePath)
      break
    case 'one':
      if (!given || !isScalar(json.value)) refuse('value', valuePath)
      value = json.value
      break
    case 'list':
    case 'pair': {
      const list = json.value
      if (!Array.isArray(list) || !list.every(isScalar)) refuse('value', valuePath)
      if (operator === 'between' && list.length !== 2) refuse('value', valuePath)
      value = [...list]
      break
    }
  }
  return { id: nextId(), kind: 'field', negated: false, field: json.field, op: operator, value }
}

function readRegion(json: unknown, path: string): RegionNode {
  const codes = typeof json === 'string' ? [json] : json
  if (!Array.isArray(codes) || !codes.every((code) => typeof code === 'string')) {
    refuse('region', path)
  }
  return { ...newRegion(), codes: [...codes] }
}

function wholeOrNull(value: unknown, path: string): number | null {
  if (value === undefined) return null
  if (typeof value !== 'number' || !Number.isInteger(value)) refuse('members', path)
  return value
}

function readMembers(json: unknown, path: string): MembersNode {
  if (!isObject(json)) refuse('members', path)
  const extra = Object.keys(json).find(
    (key) => !['where', 'at_least', 'at_most', 'exactly'].includes(key),
  )
  if (extra !== undefined) refuse('unknownKey', `${path}.${extra}`, extra)
  const atLeast = wholeOrNull(json.at_least, `${path}.at_least`)
  const atMost = wholeOrNull(json.at_most, `${path}.at_most`)
  const exactly = wholeOrNull(json.exactly, `${path}.exactly`)
  let count: MemberCount
  if (exactly !== null) {
    if (atLeast !== null || atMost !== null) refuse('members', path)
    count = { quantifier: 'exactly', n: exactly, max: null }
  } else if (atLeast !== null && atMost !== null) {
    count = { quantifier: 'between', n: atLeast, max: atMost }
  } else if (atMost !== null) {
    count =
      atMost === 0
        ? { quantifier: 'none', n: null, max: null }
        : { quantifier: 'at_most', n: atMost, max: null }
  } else {
    count = { quantifier: 'at_least', n: atLeast ?? 1, max: null }
  }
  return { ...newMembers(), count, where: readGroupOrLone(json.where, `${path}.where`, 'person') }
}

/** A group as written, or the builder's own group around a lone condition (or around nothing). */
function readGroupOrLone(json: unknown, path: string, level: RuleLevel): GroupNode {
  if (json === undefined) return { ...newGroup('all'), implicit: true }
  const node = readNode(json, path, level)
  if (node.kind === 'group') return node
  return { ...newGroup('all', [node]), implicit: true }
}

/** The tree of a rule's JSON, or why the builder cannot show it. */
export function readRule(json: unknown, path = 'eligibility_rule'): ReadResult {
  try {
    if (!isObject(json)) refuse('notObject', path)
    return { ok: true, rule: readGroupOrLone(json, path, 'household') }
  } catch (error) {
    if (error instanceof UnreadableRule) return { ok: false, problem: error.problem }
    throw error
  }
}

// ---- Writing JSON -------------------------------------------------------------------------------

export interface WrittenRule {
  json: RuleJson
  /** Each place in the JSON (as the server names it) to the node written there. */
  places: Map<string, string>
}

function countJson(count: MemberCount): RuleJson {
  switch (count.quantifier) {
    case 'none':
      return { at_most: 0 }
    case 'between':
      return { at_least: count.n, at_most: count.max }
    default:
      return { [count.quantifier]: count.n }
  }
}

/** Whether the builder's own group still holds just what the JSON had, and can be left out. */
function leftOut(group: GroupNode): boolean {
  return group.implicit && !group.negated && group.mode === 'all' && group.children.length <= 1
}

class Writer {
  readonly places = new Map<string, string>()

  node(node: RuleNode, path: string): RuleJson {
    this.places.set(path, node.id)
    if (!node.negated) return this.bare(node, path)
    const innerPath = `${path}.not`
    this.places.set(innerPath, node.id)
    return { not: this.bare(node, innerPath) }
  }

  /** A group that the builder may have added: its only child in its place, or nothing. */
  groupOrLone(group: GroupNode, path: string): RuleJson | undefined {
    if (!leftOut(group)) return this.node(group, path)
    const [only] = group.children
    return only ? this.node(only, path) : undefined
  }

  private bare(node: RuleNode, path: string): RuleJson {
    switch (node.kind) {
      case 'group': {
        const listPath = `${path}.${node.mode}`
        return {
          [node.mode]: node.children.map((child, i) => this.node(child, `${listPath}[${i}]`)),
        }
      }
      case 'field': {
        const json: RuleJson = { field: node.field, op: node.op }
        if (valueShape(node.op) !== 'none' && node.value !== null) json.value = node.value
        return json
      }
      case 'region':
        return { region: node.codes.length === 1 ? node.codes[0] : [...node.codes] }
      case 'members': {
        const membersPath = `${path}.members`
        const members: RuleJson = {}
        const where = this.groupOrLone(node.where, `${membersPath}.where`)
        if (where !== undefined) members.where = where
        return { members: { ...members, ...countJson(node.count) } }
      }
      case 'enrolled':
        return { enrolled_in: node.code }
    }
  }
}

/** The rule's JSON, and where each node went in it. */
export function writeRule(rule: GroupNode, path = 'eligibility_rule'): WrittenRule {
  const writer = new Writer()
  const json = writer.groupOrLone(rule, path) ?? { all: [] }
  if (!writer.places.has(path)) writer.places.set(path, rule.id)
  return { json, places: writer.places }
}

// ---- The server's complaints, placed -----------------------------------------------------------

export interface PlacedComplaints {
  /** Complaints by the id of the node they are about. */
  byNode: Record<string, string[]>
  /** Complaints about no node of the rule (the whole request, another field). */
  elsewhere: string[]
}

/** `eligibility_rule.all[1].value[0]` → `eligibility_rule.all[1].value` → `eligibility_rule.all[1]` … */
function parentPath(path: string): string | null {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['))
  return cut > 0 ? path.slice(0, cut) : null
}

/**
 * Puts each complaint (by JSON path, as ApiError.fieldErrors has them) beside the node whose part
 * of the JSON it names, the nearest enclosing one when the path goes into a node (`.value[0]`).
 */
export function placeComplaints(
  complaints: Record<string, string>,
  places: ReadonlyMap<string, string>,
): PlacedComplaints {
  const placed: PlacedComplaints = { byNode: {}, elsewhere: [] }
  for (const [path, text] of Object.entries(complaints)) {
    let at: string | null = path
    while (at !== null && !places.has(at)) at = parentPath(at)
    const id = at === null ? undefined : places.get(at)
    if (id === undefined) placed.elsewhere.push(text)
    else (placed.byNode[id] ??= []).push(text)
  }
  return placed
}

/** Every node of the tree, parents before their children. */
export function* nodesOf(node: RuleNode): Generator<RuleNode> {
  yield node
  if (node.kind === 'group') for (const child of node.children) yield* nodesOf(child)
  if (node.kind === 'members') yield* nodesOf(node.where)
}
