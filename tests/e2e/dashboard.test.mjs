// The coordinator's dashboard (issue 4, items 7 and 8) as the coordinator and an auditor meet it:
// headline figures, the overlap heat map of the demo programmes, coverage of desil 1–4 per district
// with a drill-down to villages and on to a village's uncovered households, and budget against
// realisation per agency. The auditor sees the same figures but is offered no way to the households.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { assertNoProblems, signIn } from './support/app.mjs'
import { apiSession, createHousehold } from './support/api.mjs'
import { keepEvidence, screenshot } from './support/browser.mjs'
import { appUnderTest } from './support/suite.mjs'
import { demoPassword } from './support/server.mjs'

const lumbir = '33.02.01'
const cirahab = '33.02.01.2001'
const canduk = '33.02.01.2002'
const wangon = '33.02.02'

// The charts' fixed layouts in pixels (web/src/views/analytics/modules/charts.ts: heatmapLayout
// and barLayout), to find a programme pair's cell or an area's bar on the canvas.
const heatmapLayout = { left: 170, right: 96, top: 12, bottom: 130 }
const barLayout = { left: 170, right: 72, top: 36, rowHeight: 30 }

function member(nik, name, birthDate, extra = {}) {
  return {
    nik,
    name,
    sex: 'P',
    birth_date: birthDate,
    relation: 'kepala_keluarga',
    ...extra,
  }
}

/** A calendar date `years` years before today, as the register stores dates. */
function yearsAgo(years) {
  const date = new Date()
  date.setUTCFullYear(date.getUTCFullYear() - years)
  return date.toISOString().slice(0, 10)
}

const year = new Date().getFullYear()

// Three of the demo district's programmes (src/demo/demo_programs.cpp), as their agencies define them.
const demoProgrammes = {
  pkh: {
    code: 'PKH-2026',
    name: 'Program Keluarga Harapan 2026',
    benefit_type: 'cash',
    target_level: 'household',
    amount_per_stage: 750000,
    stages: ['03-20', '06-20', '09-20', '12-10'].map((day, index) => ({
      name: `Tahap ${index + 1}`,
      planned_date: `${year}-${day}`,
    })),
    eligibility_rule: {
      all: [
        { field: 'desil', op: '<=', value: 3 },
        {
          any: [
            { members: { where: { field: 'pregnant', op: '=', value: true } } },
            { members: { where: { field: 'age', op: '<=', value: 6 } } },
            {
              members: {
                where: {
                  field: 'schooling',
                  op: 'in',
                  value: ['sd', 'smp', 'sma'],
                },
              },
            },
            { members: { where: { field: 'age', op: '>=', value: 70 } } },
            {
              members: {
                where: {
                  field: 'disability_severity',
                  op: '=',
                  value: 'berat',
                },
              },
            },
          ],
        },
      ],
    },
  },
  bpnt: {
    code: 'BPNT-2026',
    name: 'Bantuan Pangan Non Tunai 2026 (Rp200.000 per bulan)',
    benefit_type: 'cash',
    target_level: 'household',
    amount_per_stage: 600000,
    stages: ['03-15', '06-15', '09-15', '12-05'].map((day, index) => ({
      name: `Tahap ${index + 1}`,
      planned_date: `${year}-${day}`,
    })),
    eligibility_rule: { all: [{ field: 'desil', op: '<=', value: 4 }] },
  },
  pbi: {
    code: 'PBI-JK-2026',
    name: 'Bantuan Iuran Jaminan Kesehatan Daerah 2026',
    benefit_type: 'insurance_premium',
    target_level: 'household',
    amount_per_stage: 126000,
    stages: ['03-31', '06-30', '09-30', '12-15'].map((day, index) => ({
      name: `Triwulan ${index + 1}`,
      planned_date: `${year}-${day}`,
    })),
    eligibility_rule: { all: [{ field: 'desil', op: '<=', value: 5 }] },
  },
}

/**
 * The programme with `definition.code`: the one `sinergi demo` seeded when it seeds programmes
 * (it does so only with a generated population, and these servers have none), else created,
 * active, by `session` as its agency would.
 */
async function ensureProgramme(session, definition) {
  const found = (await session.get(`/api/v1/programs?q=${definition.code}`)).items.find(
    (program) => program.code === definition.code,
  )
  if (found) return found
  return session.post('/api/v1/programs', {
    ...definition,
    period_start: `${year}-01-01`,
    period_end: `${year}-12-31`,
    status: 'active',
  })
}

describe('the coordinator’s dashboard', () => {
  const app = appUnderTest('dashboard')
  const ids = {}
  let wangonVillage

  before(async () => {
    const base = app.server.baseUrl
    const registry = await apiSession(base, 'operator.dtks')
    const dinsos = await apiSession(base, 'kadinsos')
    const admin = await apiSession(base, 'admin')
    wangonVillage = (await registry.get(`/api/v1/regions?parent=${wangon}&limit=1`)).items[0].code

    async function household(key, villageCode, kk, desil, members) {
      const created = await createHousehold(registry, {
        household: {
          village_code: villageCode,
          kk_number: kk,
          desil,
          desil_source: 'dtsen',
        },
        members,
      })
      ids[key] = created.id
    }
    // Lumbir, Cirahab: a desil 1 family with a small child in PKH and BPNT, a desil 2 household in
    // BPNT only, a desil 3 household in no programme, and a desil 7 household in BPNT by mistake.
    await household('sukarni', cirahab, '3302010101210001', 1, [
      member('3302014101850001', 'Sukarni', '1985-01-01'),
      { name: 'Dimas', sex: 'L', birth_date: yearsAgo(4), relation: 'anak' },
    ])
    await household('darsono', cirahab, '3302010101210002', 2, [
      member('3302010202700002', 'Darsono', '1970-02-02', { sex: 'L' }),
    ])
    await household('wasini', cirahab, '3302010101210003', 3, [
      member('3302014303720003', 'Wasini', '1972-03-03'),
    ])
    await household('hartono', cirahab, '3302010101210004', 7, [
      member('3302010404750004', 'Hartono', '1975-04-04', { sex: 'L' }),
    ])
    // Lumbir, Canduk: a desil 2 family with a child at primary school, in PKH and BPNT.
    await household('partini', canduk, '3302010101210005', 2, [
      member('3302014505800005', 'Partini', '1980-05-05'),
      {
        name: 'Bagus',
        sex: 'L',
        birth_date: yearsAgo(9),
        relation: 'anak',
        schooling: 'sd',
      },
    ])
    // Wangon: a desil 4 household in no programme and a desil 1 household in BPNT.
    await household('ratmini', wangonVillage, '3302020101210006', 4, [
      member('3302024606780006', 'Ratmini', '1978-06-06'),
    ])
    await household('slamet', wangonVillage, '3302020101210007', 1, [
      member('3302020707650007', 'Slamet', '1965-07-07', { sex: 'L' }),
    ])

    const pkh = await ensureProgramme(dinsos, demoProgrammes.pkh)
    const bpnt = await ensureProgramme(dinsos, demoProgrammes.bpnt)
    const dinkes = (await admin.get('/api/v1/agencies?q=DINKES')).items.find(
      (agency) => agency.code === 'DINKES',
    )
    const pbi = await ensureProgramme(admin, {
      ...demoProgrammes.pbi,
      agency_id: dinkes.id,
    })
    ids.pkh = pkh.id
    ids.bpnt = bpnt.id
    async function enrolActive(session, program, key) {
      const enrolment = await session.post(`/api/v1/programs/${program.id}/enrolments`, {
        household_id: ids[key],
        reason: 'Hasil musyawarah desa',
      })
      for (const to of ['verified', 'active']) {
        await session.post(`/api/v1/enrolments/${enrolment.id}/transition`, {
          to,
          reason: 'Verifikasi lapangan',
        })
      }
    }
    for (const key of ['sukarni', 'partini']) await enrolActive(dinsos, pkh, key)
    await enrolActive(admin, pbi, 'sukarni')
    for (const key of ['sukarni', 'darsono', 'hartono', 'partini', 'slamet']) {
      await enrolActive(dinsos, bpnt, key)
    }

    // PKH gets a budget, its first stage is frozen and Sukarni's line paid: realisation to show.
    await dinsos.patch(
      `/api/v1/programs/${pkh.id}`,
      { budget: 6_000_000 },
      { 'If-Match': `"${pkh.version}"` },
    )
    await dinsos.post(`/api/v1/programs/${pkh.id}/stages/1/freeze`)
    const lines = await dinsos.get(`/api/v1/programs/${pkh.id}/stages/1/disbursements`)
    const sukarniLine = lines.items.find((line) => line.household_id === ids.sukarni)
    await dinsos.patch(`/api/v1/disbursements/${sukarniLine.id}`, {
      status: 'paid',
      status_date: new Date().toISOString().slice(0, 10),
      channel: 'bank',
    })
  })

  /** The programme codes in the heat map's order, as its description lists them. */
  async function heatmapPrograms(chart) {
    const label = await chart.getAttribute('aria-label')
    return label
      .slice(label.indexOf(':') + 1)
      .split(',')
      .map((code) => code.trim())
  }

  /** Where the cell of programmes `rowCode` × `columnCode` lies within the heat map. */
  async function heatmapCell(chart, rowCode, columnCode) {
    const programs = await heatmapPrograms(chart)
    const row = programs.indexOf(rowCode)
    const column = programs.indexOf(columnCode)
    assert.ok(row >= 0 && column >= 0, `${rowCode} and ${columnCode} are in the heat map`)
    const box = await chart.boundingBox()
    const width = box.width - heatmapLayout.left - heatmapLayout.right
    const height = box.height - heatmapLayout.top - heatmapLayout.bottom
    return {
      x: heatmapLayout.left + ((column + 0.5) * width) / programs.length,
      y: heatmapLayout.top + ((row + 0.5) * height) / programs.length,
    }
  }

  /** Where the bar of the `index`-th area (from the top) lies within the coverage chart. */
  function coverageBar(index) {
    return {
      x: barLayout.left + 20,
      y: barLayout.top + (index + 0.5) * barLayout.rowHeight,
    }
  }

  async function waitDrawn(chart) {
    await chart.and(chart.page().locator('[data-drawn="true"]')).waitFor()
  }

  async function figure(page, id) {
    return (await page.getByTestId(`figure-${id}`).getByTestId('figure-value').innerText()).trim()
  }

  async function expectFigures(page, expected) {
    for (const [id, value] of Object.entries(expected)) {
      await page
        .getByTestId(`figure-${id}`)
        .getByTestId('figure-value')
        .filter({ hasText: new RegExp(`^${value}$`) })
        .waitFor()
    }
  }

  const wholeAreaFigures = {
    households: '7',
    desil1: '2',
    coverage: '67\\s?%',
    multiple: '2',
    duplicate: '2',
    included: '1',
  }

  test('the coordinator sees the programmes’ overlaps and drills down to a village’s list', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'dashboard-coordinator', async () => {
      await page.goto('/')
      await signIn(page, 'koordinator', demoPassword)
      await page.getByTestId('nav-dashboard').click()
      await page.getByRole('heading', { name: 'Dasbor', exact: true }).waitFor()
      await expectFigures(page, wholeAreaFigures)
      // Exclusion per programme: BPNT (desil 1–4) leaves out Wasini and Ratmini, PBI-JK (desil 1–5)
      // everyone poor but Sukarni, PKH nobody; the card sums the programmes.
      const exclusion = {}
      for (const row of await page.getByTestId('dashboard-programs').locator('tbody tr').all()) {
        const cells = await row.locator('td').allInnerTexts()
        exclusion[cells[0].trim().split('\n')[0].trim()] = Number(cells[4].trim())
      }
      assert.equal(exclusion['PKH-2026'], 0)
      assert.equal(exclusion['BPNT-2026'], 2)
      assert.equal(exclusion['PBI-JK-2026'], 5)
      const summed = Object.values(exclusion).reduce((sum, value) => sum + value, 0)
      assert.equal(await figure(page, 'excluded'), String(summed))
      assert.match(
        await page.getByTestId('dashboard-snapshot').innerText(),
        /peristiwa register .* peristiwa kepesertaan diterapkan; dimuat penuh/,
      )

      // The heat map holds every demo programme; PKH and BPNT share Sukarni's and Partini's families.
      const heatmap = page.getByTestId('dashboard-heatmap')
      await waitDrawn(heatmap)
      const programs = await heatmapPrograms(heatmap)
      for (const code of ['PKH-2026', 'BPNT-2026', 'PBI-JK-2026']) {
        assert.ok(programs.includes(code), `${code} is in the heat map (${programs.join(', ')})`)
      }
      await waitDrawn(page.getByTestId('dashboard-coverage-chart'))
      await waitDrawn(page.getByTestId('dashboard-money-chart'))
      await screenshot(page, 'dashboard')

      const cell = await heatmapCell(heatmap, 'PKH-2026', 'BPNT-2026')
      await heatmap.hover({ position: cell })
      await heatmap.locator('.chart-tooltip').getByText('PKH-2026 × BPNT-2026').waitFor()
      await heatmap.locator('.chart-tooltip').getByText('2 rumah tangga di kedua program').waitFor()

      // A cell opens the households in both programmes.
      await heatmap.click({ position: cell })
      await page.waitForURL(/\/analytics\/overlap\?/)
      await page
        .getByTestId('analytics-household-list-title')
        .getByText('Rumah tangga di PKH-2026 dan BPNT-2026')
        .waitFor()
      await page.getByTestId(`analytics-household-${ids.sukarni}`).waitFor()
      await page.getByTestId(`analytics-household-${ids.partini}`).waitFor()
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 2 dari 2$/)
      assert.equal(
        (await page.getByTestId('overlap-cell-PKH-2026-BPNT-2026').innerText()).trim(),
        '2',
      )
      await page.goBack()
      await page.waitForURL(/\/dashboard$/)

      // Coverage per district: Lumbir first, then Wangon. Lumbir narrows the dashboard to its villages.
      const coverage = page.getByTestId('dashboard-coverage-chart')
      await waitDrawn(coverage)
      await coverage.hover({ position: coverageBar(0) })
      await coverage.locator('.chart-tooltip').getByText('Lumbir').waitFor()
      await coverage.click({ position: coverageBar(0) })
      await page.waitForURL(new RegExp(`/dashboard\\?region=${lumbir.replaceAll('.', '\\.')}$`))
      await page
        .getByTestId('dashboard-coverage-title')
        .getByText('Cakupan desil 1–4 per desa/kelurahan di Lumbir')
        .waitFor()
      await expectFigures(page, {
        households: '5',
        desil1: '1',
        coverage: '75\\s?%',
      })

      // Cirahab (the first village with households) leads to its desil 1–4 households in no programme.
      await waitDrawn(coverage)
      await coverage.hover({ position: coverageBar(0) })
      await coverage.locator('.chart-tooltip').getByText('Cirahab').waitFor()
      await coverage.click({ position: coverageBar(0) })
      await page.waitForURL(/\/analytics\/coverage\?region=33\.02\.01\.2001&list=uncovered$/)
      await page.getByTestId(`analytics-household-${ids.wasini}`).waitFor()
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 1 dari 1$/)
      assert.equal(await page.getByTestId(`analytics-household-${ids.hartono}`).count(), 0)
      await screenshot(page, 'dashboard-village-list')

      await page.getByTestId(`analytics-household-${ids.wasini}`).click()
      await page.waitForURL(new RegExp(`/registry/households/${ids.wasini}$`))
      await page.getByTestId('household-benefits-empty').waitFor()
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('the programme’s targeting and a household’s aid per year', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'dashboard-targeting', async () => {
      await page.goto('/dashboard')
      await signIn(page, 'koordinator', demoPassword)
      await page.getByTestId('targeting-link-BPNT-2026').click()
      await page.getByTestId('targeting-title').getByText('Ketepatan sasaran BPNT-2026').waitFor()
      // BPNT's rule is desil 1–4: Wasini and Ratmini are left out, Hartono (desil 7) let in.
      await page.getByTestId('targeting-excluded-total').getByText('2', { exact: true }).waitFor()
      await page
        .getByTestId('targeting-included_not_eligible-total')
        .getByText('1', { exact: true })
        .waitFor()
      await page
        .getByTestId(`targeting-excluded-${cirahab}`)
        .getByText('1', { exact: true })
        .waitFor()
      await page.getByTestId(`targeting-included_not_eligible-${cirahab}`).click()
      await page.getByTestId(`analytics-household-${ids.hartono}`).waitFor()
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 1 dari 1$/)

      // Sukarni's PKH stage 1 line was paid this year.
      await page.goto(`/registry/households/${ids.sukarni}`)
      const thisYear = String(new Date().getFullYear())
      const year = page.getByTestId(`household-benefits-${thisYear}`)
      await year.getByText('PKH-2026').waitFor()
      assert.match(await year.innerText(), /dibayar Rp\s?750\.000/)
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('an auditor sees the figures but is offered no household lists', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'dashboard-auditor', async () => {
      await page.goto('/')
      await signIn(page, 'auditor', demoPassword)
      await page.getByTestId('nav-dashboard').click()
      await expectFigures(page, wholeAreaFigures)
      const heatmap = page.getByTestId('dashboard-heatmap')
      await waitDrawn(heatmap)
      assert.equal(
        await page.getByText('Klik sel untuk melihat daftar', { exact: false }).count(),
        0,
      )

      // A cell shows its figure but leads nowhere.
      const cell = await heatmapCell(heatmap, 'PKH-2026', 'BPNT-2026')
      await heatmap.hover({ position: cell })
      await heatmap.locator('.chart-tooltip').getByText('2 rumah tangga di kedua program').waitFor()
      await heatmap.click({ position: cell })

      // A district still narrows the figures; a village narrows them too instead of opening a list.
      const coverage = page.getByTestId('dashboard-coverage-chart')
      await waitDrawn(coverage)
      await coverage.click({ position: coverageBar(0) })
      await page.waitForURL(/\/dashboard\?region=33\.02\.01$/)
      await waitDrawn(coverage)
      await coverage.click({ position: coverageBar(0) })
      await page.waitForURL(/\/dashboard\?region=33\.02\.01\.2001$/)
      await expectFigures(page, { households: '4', desil1: '1' })

      // The overlap page: counts without links, and a shared list address is refused politely.
      await page.getByTestId('dashboard-overlap-page').click()
      await page
        .getByTestId('overlap-count-PKH-2026-BPNT-2026')
        .getByText('1', { exact: true })
        .waitFor()
      assert.equal(await page.locator('[data-testid^="overlap-cell-"]').count(), 0)
      assert.equal(await page.locator('[data-testid^="duplicate-list-"]').count(), 0)
      await page.goto(`/analytics/overlap?a=${ids.pkh}&b=${ids.bpnt}`)
      await page.getByTestId('list-not-allowed').waitFor()
      assert.equal(await page.getByTestId('analytics-household-list').count(), 0)

      // The coverage and targeting pages: figures without links.
      await page.goto('/analytics/coverage')
      await page
        .getByTestId(`coverage-uncovered-${lumbir}`)
        .getByText('1', { exact: true })
        .waitFor()
      assert.equal(
        await page.locator('button[data-testid^="coverage-uncovered-"]').count(),
        0,
        'no list of uncovered households is offered',
      )
      await page.goto(`/analytics/programs/${ids.bpnt}/targeting`)
      await page.getByTestId('targeting-excluded-total').getByText('2', { exact: true }).waitFor()
      assert.equal(await page.getByTestId('targeting-table').locator('td button').count(), 0)
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('an NGO partner has no dashboard', async () => {
    const { context, page, problems } = await app.freshPage()
    await page.goto('/')
    await signIn(page, 'mitra.lsm', demoPassword)
    await page.getByTestId('welcome').waitFor()
    assert.equal(await page.getByTestId('nav-dashboard').count(), 0)
    await page.goto('/dashboard')
    await page.getByText('Peran Anda tidak dapat membuka halaman itu.').waitFor()
    assertNoProblems(problems)
    await context.close()
  })
})
