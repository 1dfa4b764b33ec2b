// An eligibility rule as one sentence in the reader's language, for the programme page and under
// the rule builder: "Desil ≤ 4 dan sedikitnya 1 anggota: umur 6–18 tahun". It says exactly what
// the rule says: a `not` is only turned into a positive phrase where both mean the same for a
// household whose value is not recorded (missing/present, enrolment, membership counts, region).
import { formatCount } from '@/format'
import { codeLabel, fieldLabel, valueLabel, type Translator } from '@/registerVocabulary'
import {
  ruleFieldOf,
  valueShape,
  type FieldNode,
  type GroupNode,
  type MembersNode,
  type RuleLevel,
  type RuleNode,
  type Scalar,
} from './ruleModel'

const symbols: Record<string, string> = {
  '=': '=',
  '!=': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
}

/** Shown where the builder has no value yet. */
const gap = '…'

/** Labels start with a capital ("Jenis lantai"); inside a sentence they do not, unless an acronym ("AC"). */
export function inSentence(label: string): string {
  const [first, second] = [label.charAt(0), label.charAt(1)]
  return second && second === second.toLowerCase() && second !== second.toUpperCase()
    ? first.toLowerCase() + label.slice(1)
    : label
}

function capitalised(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}

class Describer {
  constructor(private readonly tr: Translator) {}

  private s(key: string, values?: Record<string, unknown>): string {
    return this.tr.t(`programs.rule.sentence.${key}`, values)
  }

  /** "a, b atau c" / "a, b or c". */
  private either(items: string[]): string {
    if (items.length <= 1) return items[0] ?? gap
    return `${items.slice(0, -1).join(', ')} ${this.s('or')} ${items[items.length - 1]}`
  }

  private label(field: string): string {
    return field === 'age' ? this.s('age') : inSentence(fieldLabel(this.tr, field))
  }

  private value(node: FieldNode, level: RuleLevel, value: Scalar | null | undefined): string {
    if (value === null || value === undefined || value === '') return gap
    const kind = ruleFieldOf(node.field, level).kind
    if (kind === 'choice') return inSentence(codeLabel(this.tr, node.field, String(value)))
    if (kind === 'yesNo') return inSentence(this.tr.t(value ? 'common.yes' : 'common.no'))
    if (typeof value === 'number') return formatCount(value, this.tr.language())
    return valueLabel(this.tr, node.field, value)
  }

  /** The values of a condition, with the unit of age after the last. */
  private values(node: FieldNode, level: RuleLevel): string {
    const list = Array.isArray(node.value) ? node.value : [node.value]
    const one = (item: Scalar | null | undefined) => this.value(node, level, item)
    const shape = valueShape(node.op)
    const shown =
      shape === 'pair'
        ? `${one(list[0])}–${one(list[1])}`
        : shape === 'list'
          ? this.either(list.map(one))
          : one(list[0])
    return node.field === 'age' ? this.s('years', { value: shown }) : shown
  }

  private field(node: FieldNode, level: RuleLevel): string {
    const label = this.label(node.field)
    const kind = ruleFieldOf(node.field, level).kind
    const ordered = kind === 'number' || kind === 'date'
    switch (node.op) {
      case 'missing':
        return this.s(node.negated ? 'recorded' : 'notRecorded', { label })
      case 'present':
        return this.s(node.negated ? 'notRecorded' : 'recorded', { label })
      default:
        break
    }
    const values = this.values(node, level)
    let text: string
    if (kind === 'yesNo' && (node.op === '=' || node.op === '!=') && !Array.isArray(node.value)) {
      // "has a motorcycle ≠ yes" is "has a motorcycle: no", also for a household without the answer.
      const yes = node.op === '=' ? node.value : node.value === null ? null : !node.value
      text = this.s('oneOf', { label, values: this.value(node, level, yes) })
      return node.negated ? this.s('not', { rule: text }) : text
    }
    if (node.op === 'between') text = this.s('range', { label, values })
    else if (node.op === 'in' || (node.op === '=' && !ordered)) {
      text = this.s('oneOf', { label, values })
    } else if (node.op === 'not_in' || (node.op === '!=' && !ordered)) {
      text = this.s('otherThan', { label, values })
    } else text = this.s('compare', { label, op: symbols[node.op], values })
    return node.negated ? this.s('not', { rule: text }) : text
  }

  private countPhrase(node: MembersNode): string {
    const { quantifier, n, max } = node.count
    const number = (value: number | null) =>
      value === null ? gap : formatCount(value, this.tr.language())
    // English counts one member and several members; Indonesian says "anggota" for both.
    const counted = (key: string) => this.s(n === 1 ? `${key}One` : key, { n: number(n) })
    switch (quantifier) {
      case 'none':
        return this.s('noMember')
      case 'between':
        return this.s('membersBetween', { min: number(n), max: number(max) })
      case 'at_least':
        return counted('atLeast')
      case 'at_most':
        return counted('atMost')
      case 'exactly':
        return counted('exactly')
    }
  }

  private members(node: MembersNode): string {
    const everyMember = isEmptyAll(node.where)
    const where = everyMember ? '' : this.rule(node.where, 'person')
    // "Not at least one member who…" is "no member who…", whatever the members' values.
    const oneOrMore = node.count.quantifier === 'at_least' && node.count.n === 1
    if (node.negated && oneOrMore) {
      return everyMember
        ? this.s('noLivingMember')
        : this.s('members', { count: this.s('noMember'), where })
    }
    const text = everyMember
      ? this.countPhrase(node)
      : this.s('members', { count: this.countPhrase(node), where })
    return node.negated ? this.s('not', { rule: text }) : text
  }

  private group(node: GroupNode, level: RuleLevel): string {
    if (node.children.length === 0) {
      const text = this.s(node.mode === 'all' ? 'noConditions' : 'noChoice')
      return node.negated ? this.s('not', { rule: text }) : text
    }
    const joiner = ` ${this.s(node.mode === 'all' ? 'and' : 'or')} `
    // A lone part has nothing to blur with: no brackets.
    const text =
      node.children.length === 1
        ? this.rule(node.children[0]!, level)
        : node.children.map((child) => this.child(child, level)).join(joiner)
    return node.negated ? this.s('not', { rule: text }) : text
  }

  /** A part of a longer sentence: bracketed when its own "and"/"or" would blur with the outer one. */
  private child(node: RuleNode, level: RuleLevel): string {
    const text = this.rule(node, level)
    const compound =
      (node.kind === 'group' && !node.negated && node.children.length > 1) ||
      (node.kind === 'members' && node.where.children.length > 1)
    return compound ? `(${text})` : text
  }

  rule(node: RuleNode, level: RuleLevel): string {
    switch (node.kind) {
      case 'group':
        return this.group(node, level)
      case 'field':
        return this.field(node, level)
      case 'members':
        return this.members(node)
      case 'region': {
        const regions = this.either(node.codes.length > 0 ? node.codes : [gap])
        return this.s(node.negated ? 'outsideRegion' : 'inRegion', { regions })
      }
      case 'enrolled':
        return this.s(node.negated ? 'notEnrolled' : 'enrolled', { code: node.code || gap })
    }
  }
}

function isEmptyAll(group: GroupNode): boolean {
  return group.children.length === 0 && group.mode === 'all' && !group.negated
}

/** The whole rule as one sentence, starting with a capital. */
export function describeRule(rule: GroupNode, translator: Translator): string {
  return capitalised(new Describer(translator).rule(rule, 'household'))
}
