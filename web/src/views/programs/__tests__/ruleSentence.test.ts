import { describe, expect, it } from 'vitest'
import { translatorIn } from '@/registerVocabulary'
import { newGroup, readRule } from '../modules/ruleModel'
import { describeRule, inSentence } from '../modules/ruleSentence'

function sentence(json: unknown, language: 'id' | 'en' = 'id'): string {
  const read = readRule(json)
  if (!read.ok) throw new Error('unreadable')
  return describeRule(read.rule, translatorIn(language))
}

describe('a rule read as a sentence', () => {
  it('reads comparisons, members and enrolment the way the programme page shows them', () => {
    const rule = {
      all: [
        { field: 'desil', op: '<=', value: 4 },
        { not: { enrolled_in: 'PKH-2026' } },
        {
          any: [
            { field: 'floor_material', op: '=', value: 'tanah' },
            { field: 'wall_material', op: '=', value: 'anyaman_bambu' },
          ],
        },
        { members: { where: { field: 'age', op: 'between', value: [15, 64] }, at_least: 1 } },
      ],
    }
    expect(sentence(rule)).toBe(
      'Desil ≤ 4 dan tidak terdaftar di PKH-2026 dan (jenis lantai: tanah atau jenis dinding: ' +
        'anyaman bambu) dan sedikitnya 1 anggota: umur 15–64 tahun',
    )
    expect(sentence(rule, 'en')).toBe(
      'Desil ≤ 4 and not enrolled in PKH-2026 and (floor material: earth or wall material: ' +
        'woven bamboo) and at least 1 member: age 15–64 years',
    )
  })

  it('brackets a member condition over several fields', () => {
    const rule = {
      members: {
        where: {
          all: [
            { field: 'schooling', op: 'in', value: ['sd', 'smp', 'sma'] },
            { field: 'age', op: '<=', value: 21 },
          ],
        },
        at_least: 2,
      },
    }
    expect(sentence(rule, 'en')).toBe(
      'At least 2 members: current schooling: primary (SD), junior secondary (SMP) or senior ' +
        'secondary (SMA) and age ≤ 21 years',
    )
  })

  it('says "no member" for a negated or zero count', () => {
    expect(
      sentence({ not: { members: { where: { field: 'pregnant', op: '=', value: true } } } }),
    ).toBe('Tidak ada anggota: sedang hamil: ya')
    expect(
      sentence(
        { members: { where: { field: 'work_status', op: '=', value: 'bekerja' }, at_most: 0 } },
        'en',
      ),
    ).toBe('No member: work status: working')
  })

  it('turns a negated "not recorded" into "recorded", which means the same', () => {
    expect(sentence({ not: { field: 'desil', op: 'missing' } })).toBe('Desil tercatat')
  })

  it('keeps "not" around a comparison, which a missing value would otherwise change', () => {
    expect(sentence({ not: { field: 'desil', op: '<=', value: 4 } }, 'en')).toBe('Not (desil ≤ 4)')
  })

  it('reads yes/no fields as the answer, also for ≠', () => {
    expect(sentence({ field: 'has_motorcycle', op: '!=', value: true }, 'en')).toBe(
      'Motorcycle: no',
    )
  })

  it('names regions and the empty rule', () => {
    expect(sentence({ region: ['33.02.01', '33.02.02'] })).toBe(
      'Berdomisili di wilayah 33.02.01 atau 33.02.02',
    )
    expect(sentence({ all: [] }, 'en')).toBe('No conditions')
  })

  it('shows a gap where the builder has no value yet', () => {
    const rule = newGroup('all', [
      { id: 'gap', kind: 'field', negated: false, field: 'desil', op: 'between', value: [1, null] },
    ])
    expect(describeRule(rule, translatorIn('en'))).toBe('Desil 1–…')
  })
})

describe('labels inside a sentence', () => {
  it('lose their capital, except acronyms', () => {
    expect(inSentence('Jenis lantai')).toBe('jenis lantai')
    expect(inSentence('AC')).toBe('AC')
    expect(inSentence('PAUD')).toBe('PAUD')
  })
})
