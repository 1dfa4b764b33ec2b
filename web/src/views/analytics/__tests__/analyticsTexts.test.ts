import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import type { AnalyticsProgram, OverlapMatrix } from '@/api/analytics'
import { i18n, setLanguage } from '@/locales'
import { formatRupiahShort, shareOf, useAnalyticsTexts } from '../modules/analyticsTexts'
import { overlapCellAt } from '../modules/charts'

function program(id: number, code: string, name: string): AnalyticsProgram {
  return {
    id,
    code,
    name,
    agency_id: 2,
    agency_code: 'DINSOS',
    benefit_type: 'cash',
    target_level: 'household',
    status: 'active',
  }
}

const matrix: OverlapMatrix = {
  programs: [
    program(1, 'PKH-2026', 'Program Keluarga Harapan 2026'),
    program(2, 'BPNT-2026', 'Bantuan Pangan Non Tunai 2026'),
  ],
  enrolled: [4, 10],
  shared: [
    [4, 2],
    [2, 10],
  ],
  households_in_two_or_more: 2,
}

/** The texts as a page gets them, inside a component with the app's i18n. */
function texts(): ReturnType<typeof useAnalyticsTexts> {
  let found!: ReturnType<typeof useAnalyticsTexts>
  const Host = defineComponent({
    setup() {
      found = useAnalyticsTexts()
      return () => null
    },
  })
  mount(Host, { global: { plugins: [i18n] } })
  return found
}

describe('the words of the analytics charts', () => {
  afterEach(() => setLanguage('id'))

  it('tell what a cell of the overlap matrix means for both programmes', () => {
    const cell = overlapCellAt(matrix, 1, 0)!
    expect(texts().overlapTexts(matrix).cell(cell)).toEqual([
      'PKH-2026 × BPNT-2026',
      '2 rumah tangga di kedua program',
      '50% dari penerima PKH-2026',
      '20% dari penerima BPNT-2026',
    ])
  })

  it('tell a programme’s own size on the diagonal', () => {
    const cell = overlapCellAt(matrix, 1, 1)!
    expect(texts().overlapTexts(matrix).cell(cell)).toEqual([
      'BPNT-2026 · Bantuan Pangan Non Tunai 2026',
      '10 rumah tangga penerima aktif',
    ])
  })

  it('speak English too', () => {
    setLanguage('en')
    const cell = overlapCellAt(matrix, 0, 1)!
    expect(texts().overlapTexts(matrix).cell(cell)[1]).toBe('2 households in both programmes')
  })

  it('name a benefit type, or show a code the UI does not know as it is', () => {
    expect(texts().benefitTypeLabel('insurance_premium')).toBe('Premi asuransi (PBI)')
    expect(texts().benefitTypeLabel('voucher')).toBe('voucher')
  })

  it('title coverage by the level below the region, or the village itself', () => {
    const { coverageTitle } = texts()
    expect(coverageTitle('district', null, false)).toBe('Cakupan desil 1–4 per kecamatan')
    expect(coverageTitle('village', 'Lumbir', false)).toBe(
      'Cakupan desil 1–4 per desa/kelurahan di Lumbir',
    )
    expect(coverageTitle('village', 'Cirahab', true)).toBe('Cakupan desil 1–4 di Cirahab')
  })
})

describe('analytics numbers', () => {
  it('shorten rupiah on chart axes', () => {
    expect(formatRupiahShort(1_250_000_000, 'id')).toMatch(/^Rp\s?1,3\s?M$/)
    expect(formatRupiahShort(6_000_000, 'id')).toMatch(/^Rp\s?6\s?jt$/)
    expect(formatRupiahShort(6_000_000, 'en')).toMatch(/^IDR\s?6\s?m$/i)
  })

  it('take no share of nothing', () => {
    expect(shareOf(4, 6)).toBeCloseTo(0.667, 3)
    expect(shareOf(0, 0)).toBeNull()
  })
})
