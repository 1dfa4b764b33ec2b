import { flushPromises, mount } from '@vue/test-utils'
import PrimeVue from 'primevue/config'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as pmtApi from '@/api/pmt'
import type { HouseholdPmt, PmtEstimate as Estimate } from '@/api/pmt'
import { i18n, setLanguage } from '@/locales'
import PmtEstimate from '../modules/PmtEstimate.vue'

vi.mock('@/api/pmt', () => ({ getHouseholdPmt: vi.fn() }))

const illustrativeNote =
  'ILUSTRATIF: bobot contoh bawaan Sinergi, BUKAN bobot resmi BPS atau Kemensos.'

function estimate(changes: Partial<Estimate> = {}): Estimate {
  return {
    run_id: 3,
    consumption_per_capita: 1_850_000,
    estimated_desil: 8,
    weights_version: 'ilustratif-2026.1',
    computed_at: '2026-11-23T03:00:00Z',
    outdated: false,
    top_contributions: [
      {
        variable: 'has_car',
        label: { id: 'Memiliki mobil', en: 'Owns a car' },
        value: true,
        contribution: 0.3,
        effect_percent: 35,
      },
      {
        variable: 'floor_material',
        label: { id: 'Jenis lantai', en: 'Floor material' },
        value: 'tanah',
        contribution: -0.2,
        effect_percent: -18.1,
      },
    ],
    missing: [{ variable: 'electricity_va', label: { id: 'Daya listrik', en: 'Electricity' } }],
    ...changes,
  }
}

function householdPmt(changes: Partial<HouseholdPmt> = {}): HouseholdPmt {
  return {
    household_id: 41,
    village_code: '33.02.01.2001',
    authoritative: 'official',
    official: { desil: 2, source: 'dtsen', as_of: '2025-06-01' },
    estimate: estimate(),
    gap: 6,
    weights: { version: 'ilustratif-2026.1', note: illustrativeNote },
    ...changes,
  }
}

async function shown(answer: HouseholdPmt) {
  vi.mocked(pmtApi.getHouseholdPmt).mockResolvedValue(answer)
  const wrapper = mount(PmtEstimate, {
    props: { household: { id: 41, version: 5 } },
    global: { plugins: [i18n, PrimeVue] },
  })
  await flushPromises()
  return wrapper
}

/** The words an element shows, one space between the texts of its parts, as a reader sees them. */
function words(element: Element): string {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  const parts: string[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const part = node.textContent?.replace(/\s+/g, ' ').trim()
    if (part) parts.push(part)
  }
  return parts.join(' ')
}

function text(wrapper: Awaited<ReturnType<typeof shown>>, testId: string): string {
  return words(wrapper.get(`[data-testid="${testId}"]`).element)
}

beforeEach(() => vi.mocked(pmtApi.getHouseholdPmt).mockReset())
afterEach(() => setLanguage('id'))

describe('the household’s PMT estimate', () => {
  it('keeps the official desil authoritative and flags an estimate far from it', async () => {
    const wrapper = await shown(householdPmt())

    expect(text(wrapper, 'pmt-official')).toMatch(/Desil 2 Berlaku DTSEN, per 1 Jun 2025/)
    expect(text(wrapper, 'pmt-estimate')).toMatch(/Desil 8/)
    expect(text(wrapper, 'pmt-estimate')).not.toMatch(/Berlaku/)
    expect(text(wrapper, 'pmt-consumption')).toMatch(/Rp\s1\.850\.000 per bulan/)
    expect(text(wrapper, 'pmt-gap-badge')).toBe('Selisih 6 desil')
    expect(text(wrapper, 'pmt-gap')).toMatch(/6 desil lebih tinggi \(lebih sejahtera\)/)
  })

  it('lists what moved the estimate, with values and direction', async () => {
    const wrapper = await shown(householdPmt())
    const rows = wrapper.findAll('[data-testid="pmt-contributions"] tbody tr')

    expect(rows.map((row) => words(row.element))).toEqual([
      'Memiliki mobil Ya +35% menaikkan perkiraan',
      'Jenis lantai Tanah -18,1% menurunkan perkiraan',
    ])
    expect(text(wrapper, 'pmt-missing')).toMatch(/dihitung 0: Daya listrik\./)
  })

  it('shows the weights’ version and own note, which says they are illustrative', async () => {
    const wrapper = await shown(householdPmt())

    expect(text(wrapper, 'pmt-weights')).toContain('Bobot PMT versi ilustratif-2026.1')
    expect(text(wrapper, 'pmt-weights')).toContain('BUKAN bobot resmi BPS atau Kemensos')
  })

  it('says so when the household changed after the run, and when other weights made it', async () => {
    const wrapper = await shown(
      householdPmt({ estimate: estimate({ outdated: true, weights_version: 'lama-2025' }) }),
    )

    expect(text(wrapper, 'pmt-outdated')).toMatch(/berubah setelah perkiraan dihitung/)
    expect(text(wrapper, 'pmt-weights')).toContain('dihitung dengan bobot versi lama-2025')
  })

  it('raises no flag for a gap of one desil', async () => {
    const wrapper = await shown(
      householdPmt({ estimate: estimate({ estimated_desil: 3, outdated: false }), gap: 1 }),
    )

    expect(wrapper.find('[data-testid="pmt-gap-badge"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="pmt-outdated"]').exists()).toBe(false)
    expect(text(wrapper, 'pmt-gap')).toBe('Perkiraan PMT berbeda 1 desil dari desil resmi.')
  })

  it('makes the estimate authoritative where there is no official desil', async () => {
    const wrapper = await shown(
      householdPmt({ authoritative: 'estimate', official: null, gap: null }),
    )

    expect(text(wrapper, 'pmt-official')).toMatch(/Belum ada desil resmi/)
    expect(text(wrapper, 'pmt-estimate')).toMatch(/Desil 8 Berlaku/)
    expect(wrapper.find('[data-testid="pmt-gap"]').exists()).toBe(false)
  })

  it('says when the household has no estimate yet', async () => {
    const wrapper = await shown(householdPmt({ estimate: null, gap: null }))

    expect(text(wrapper, 'pmt-no-estimate')).toMatch(/belum punya perkiraan PMT/)
    expect(wrapper.find('[data-testid="pmt-contributions"]').exists()).toBe(false)
    expect(text(wrapper, 'pmt-weights')).toContain('ilustratif-2026.1')
  })

  it('reads the estimate again when the household changes', async () => {
    const wrapper = await shown(householdPmt())
    vi.mocked(pmtApi.getHouseholdPmt).mockResolvedValue(
      householdPmt({ estimate: estimate({ outdated: true }) }),
    )

    await wrapper.setProps({ household: { id: 41, version: 6 } })
    await flushPromises()

    expect(pmtApi.getHouseholdPmt).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="pmt-outdated"]').exists()).toBe(true)
  })

  it('speaks English on request', async () => {
    setLanguage('en')
    const wrapper = await shown(householdPmt())

    expect(text(wrapper, 'pmt-gap-badge')).toBe('6 desil apart')
    expect(text(wrapper, 'pmt-official')).toMatch(/Desil 2 Authoritative DTSEN, as of 1 Jun 2025/)
  })
})
