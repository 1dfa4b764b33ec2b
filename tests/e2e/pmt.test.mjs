// The Proxy Means Test estimate (perkiraan PMT, docs/pmt.md) as the social agency's data staff
// meet it: ten households of Cirahab are in the register, one of them well off but ranked desil 1
// by the official data and one of them destitute but ranked desil 9. The registry operator opens
// the list of disagreements from the register, recomputes the estimates and watches the run to its
// end; both households then head the list, and the household page shows the estimate beside the
// official desil with what drove it and the illustrative weights' own warning. A change to the
// household marks its estimate outdated; a village operator reads the list but cannot start a run.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { assertNoProblems, choose, signIn, signOut } from './support/app.mjs'
import { apiSession, createHousehold } from './support/api.mjs'
import { keepEvidence, screenshot } from './support/browser.mjs'
import { appUnderTest } from './support/suite.mjs'
import { demoPassword } from './support/server.mjs'

// The demo village operator's village (the first desa of the first district of Banyumas).
const cirahab = '33.02.01.2001'
// A run over a handful of households ends within a second or two; a slow debug build gets more.
const runTimeoutMs = 60_000

/** A NIK of Cirahab's district for someone born on `birthDate` (women's birth day + 40). */
function nik(birthDate, sex, serial) {
  const [year, month, day] = birthDate.split('-')
  const encodedDay = String(Number(day) + (sex === 'P' ? 40 : 0)).padStart(2, '0')
  return `330201${encodedDay}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`
}

function member(name, sex, birthDate, relation, serial, circumstances = {}) {
  return {
    nik: nik(birthDate, sex, serial),
    name,
    sex,
    birth_date: birthDate,
    relation,
    ...circumstances,
  }
}

const official = (desil) => ({
  desil,
  desil_source: 'dtsen',
  desil_as_of: '2025-06-01',
})

// A house of brick and ceramic with mains electricity: what most of Cirahab's households look like.
const ordinaryHouse = {
  floor_material: 'keramik',
  wall_material: 'tembok',
  roof_material: 'genteng',
  water_source: 'sumur_bor',
  lighting: 'pln_meteran',
  electricity_va: 900,
  cooking_fuel: 'gas_elpiji_3kg',
  toilet: 'sendiri',
  house_ownership: 'milik_sendiri',
}

describe('the Proxy Means Test estimate (perkiraan PMT)', () => {
  const app = appUnderTest('pmt')
  let registryApi
  let hartono
  let karsiti
  let wartini

  before(async () => {
    registryApi = await apiSession(app.server.baseUrl, 'operator.dtks')
    const record = (index, household, members) =>
      createHousehold(registryApi, {
        household: {
          village_code: cirahab,
          kk_number: `33020115032088${String(index).padStart(2, '0')}`,
          rt: '003',
          rw: '002',
          ...household,
        },
        members,
      })

    // Well off by every attribute the weights read, yet ranked desil 1 by the official data.
    hartono = await record(
      1,
      {
        ...official(1),
        floor_material: 'marmer_granit',
        roof_material: 'beton',
        wall_material: 'tembok',
        water_source: 'air_kemasan',
        lighting: 'pln_meteran',
        electricity_va: 5500,
        cooking_fuel: 'gas_elpiji_besar',
        toilet: 'sendiri',
        house_ownership: 'milik_sendiri',
        floor_area_m2: 220,
        has_car: true,
        has_motorcycle: true,
        has_air_conditioner: true,
        has_refrigerator: true,
        has_computer: true,
        has_gold: true,
      },
      [
        member('Hartono Wibisono', 'L', '1972-03-14', 'kepala_keluarga', 8801, {
          education_level: 'd4_s1',
          work_status: 'bekerja',
        }),
        member('Ratna Wibisono', 'P', '1976-09-02', 'istri_suami', 8802, {
          education_level: 'd4_s1',
          work_status: 'bekerja',
        }),
      ],
    )
    // Destitute by every attribute, yet ranked desil 9 by the official data.
    karsiti = await record(
      2,
      {
        ...official(9),
        floor_material: 'tanah',
        wall_material: 'anyaman_bambu',
        roof_material: 'jerami_ijuk_rumbia',
        water_source: 'sungai_danau',
        lighting: 'bukan_listrik',
        cooking_fuel: 'kayu_bakar',
        toilet: 'tidak_ada',
        house_ownership: 'bebas_sewa',
        floor_area_m2: 18,
      },
      [
        member('Karsiti', 'P', '1958-01-20', 'kepala_keluarga', 8803, {
          education_level: 'tidak_sekolah',
          work_status: 'tidak_bekerja',
        }),
        member('Darsem', 'P', '1990-05-11', 'anak', 8804, {
          education_level: 'sd',
        }),
        member('Rizki', 'L', '2014-07-07', 'cucu', 8805),
        member('Nur Aini', 'P', '2016-02-29', 'cucu', 8806),
        member('Bayu', 'L', '2019-10-10', 'cucu', 8807),
        member('Sari', 'P', '2021-12-01', 'cucu', 8808),
      ],
    )
    // Seven ordinary households whose official desil roughly agree with what they have.
    for (let index = 0; index < 7; index++) {
      await record(
        3 + index,
        {
          ...official(3 + (index % 4)),
          ...ordinaryHouse,
          floor_area_m2: 40 + index * 12,
        },
        [
          member(
            `Warga ${index + 1}`,
            'L',
            `198${index}-04-1${index}`,
            'kepala_keluarga',
            8810 + index,
            {
              education_level: index % 2 === 0 ? 'smp' : 'sma',
              work_status: 'bekerja',
            },
          ),
          member(`Anak ${index + 1}`, 'P', `201${index}-06-0${index + 1}`, 'anak', 8820 + index),
        ],
      )
    }
    // New to the register, without an official desil: the estimate is all there will be.
    wartini = await record(10, { ...ordinaryHouse, floor_area_m2: 30 }, [
      member('Wartini', 'P', '1985-08-17', 'kepala_keluarga', 8830, {
        education_level: 'sd',
        work_status: 'bekerja',
      }),
      member('Dewi', 'P', '2012-03-03', 'anak', 8831),
    ])
  })

  test('the registry operator recomputes the estimates and finds the households that disagree', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'pmt-run-and-disagreements', async () => {
      await page.goto('/registry')
      await signIn(page, 'operator.dtks', demoPassword)
      await page.getByTestId('pmt-disagreements-open').click()
      await page.waitForURL(/\/registry\/pmt$/)
      await page.getByRole('heading', { name: 'Selisih desil resmi dan PMT' }).waitFor()
      // The register's menu entry stays marked on the page under it.
      assert.match(
        (await page.getByTestId('nav-registry').getAttribute('class')) ?? '',
        /router-link-active/,
      )
      // Nothing estimated yet: no household is listed.
      await page
        .getByTestId('pmt-disagreements-table')
        .getByText(/Tidak ada rumah tangga/)
        .waitFor()

      const started = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new URL(response.url()).pathname === '/api/v1/registry/pmt/runs',
      )
      await page.getByTestId('pmt-run-start').click()
      const response = await started
      assert.equal(response.status(), 202, await response.text())
      const run = await response.json()
      // The page follows the run it started, to its end, then reads the list again.
      await page.getByTestId('pmt-run-meta').getByText(`Penghitungan #${run.id}`).waitFor()
      const finished = page.getByTestId('pmt-run-finished')
      await finished.waitFor({ timeout: runTimeoutMs })
      assert.match(await finished.innerText(), /10 rumah tangga diperkirakan, 0 dilewati/)
      assert.equal(await page.getByTestId('pmt-run-start').isEnabled(), true)
      const settled = await registryApi.get(`/api/v1/registry/pmt/runs/${run.id}`)
      assert.equal(settled.status, 'finished')
      assert.equal(settled.households, 10)

      // The richest of ten households ranks desil 10 and the poorest desil 1 within the regency.
      const table = page.getByTestId('pmt-disagreements-table')
      await table.getByTestId(`pmt-household-${hartono.id}`).waitFor()
      await table.getByTestId(`pmt-household-${karsiti.id}`).waitFor()
      assert.equal(await page.getByTestId(`pmt-gap-${hartono.id}`).innerText(), '+9')
      assert.equal(await page.getByTestId(`pmt-gap-${karsiti.id}`).innerText(), '−8')
      const hartonoRow = table
        .getByRole('row')
        .filter({ has: page.getByTestId(`pmt-household-${hartono.id}`) })
      assert.match(
        (await hartonoRow.innerText()).replace(/\s+/g, ' '),
        /Hartono Wibisono Cirahab 33\.02\.01\.2001 1 DTSEN 10 \+9 Rp\s?[\d.]+/,
      )
      // Without an official desil there is nothing to disagree with.
      assert.equal(await table.getByTestId(`pmt-household-${wartini.id}`).count(), 0)
      await screenshot(page, 'pmt-disagreements')

      // Only the two far apart remain at eight desil or more, and the address keeps the filter.
      await choose(page, 'pmt-min-gap', '8 desil atau lebih')
      await page.waitForURL(/min_gap=8/)
      await page.getByTestId('list-count').getByText('Menampilkan 2 dari 2').waitFor()
      await choose(page, 'pmt-min-gap', '9 desil atau lebih')
      await page.getByTestId('list-count').getByText('Menampilkan 1 dari 1').waitFor()
      await table.getByTestId(`pmt-household-${hartono.id}`).waitFor()

      // The household page shows the estimate beside the official desil, which stays in force.
      await table.getByTestId(`pmt-household-${hartono.id}`).click()
      await page.waitForURL(new RegExp(`/registry/households/${hartono.id}$`))
      const section = page.getByTestId('household-pmt')
      await section.getByRole('heading', { name: 'Perkiraan PMT' }).waitFor()
      const words = async (testId) =>
        (await section.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim()
      assert.match(await words('pmt-official'), /Desil resmi Desil 1 Berlaku DTSEN, per 1 Jun 2025/)
      assert.match(await words('pmt-estimated-desil'), /^Desil 10$/)
      assert.match(await words('pmt-consumption'), /^Pengeluaran per kapita Rp\s?[\d.]+ per bulan$/)
      assert.equal(await words('pmt-gap-badge'), 'Selisih 9 desil')
      assert.match(await words('pmt-gap'), /9 desil lebih tinggi \(lebih sejahtera\)/)
      assert.equal(await section.getByTestId('pmt-outdated').count(), 0)

      // What moved the estimate most, with the household's values and which way it pushed.
      const contributions = section.getByTestId('pmt-contributions')
      const rows = (await contributions.locator('tbody tr').allInnerTexts()).map((row) =>
        row.replace(/\s+/g, ' ').trim(),
      )
      assert.equal(rows.length, 5)
      for (const row of rows) assert.match(row, /\+[\d,]+% menaikkan perkiraan$/)
      assert.ok(
        rows.some((row) => row.startsWith('Memiliki mobil Ya')),
        `owning a car is among the top five: ${rows.join(' | ')}`,
      )
      assert.ok(
        rows.some((row) => row.startsWith('Pendidikan kepala rumah tangga Diploma IV/S1')),
        `the head's degree is among the top five: ${rows.join(' | ')}`,
      )

      // The weights say of themselves that they are only illustrative.
      const weights = await words('pmt-weights')
      assert.match(weights, /^Bobot PMT versi ilustratif-2026\.1/)
      assert.match(weights, /ILUSTRATIF/)
      assert.match(weights, /BUKAN bobot resmi BPS atau Kemensos/)
      await section.scrollIntoViewIfNeeded()
      await screenshot(page, 'pmt-household-estimate')

      // The poorest household's estimate sits far below its official desil.
      await page.goto(`/registry/households/${karsiti.id}`)
      await section.getByTestId('pmt-estimated-desil').getByText('Desil 1').waitFor()
      assert.equal(await words('pmt-gap-badge'), 'Selisih 8 desil')
      assert.match(await words('pmt-gap'), /8 desil lebih rendah \(lebih miskin\)/)
      const poorest = (
        await section.getByTestId('pmt-contributions').locator('tbody tr').allInnerTexts()
      ).map((row) => row.replace(/\s+/g, ' ').trim())
      assert.ok(
        poorest.some((row) =>
          /^Jenis lantai terluas Tanah -[\d,]+% menurunkan perkiraan$/.test(row),
        ),
        `the earth floor lowers the estimate: ${poorest.join(' | ')}`,
      )

      // Without an official desil, the estimate is the desil that counts.
      await page.goto(`/registry/households/${wartini.id}`)
      await section.getByTestId('pmt-estimated-desil').waitFor()
      assert.match(await words('pmt-official'), /Belum ada desil resmi/)
      assert.match(await words('pmt-estimate'), /Berlaku/)
      assert.equal(await section.getByTestId('pmt-gap').count(), 0)
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a change after the run marks the estimate outdated; a new household has none yet', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'pmt-outdated', async () => {
      const current = await registryApi.get(`/api/v1/households/${hartono.id}`)
      await registryApi.patch(
        `/api/v1/households/${hartono.id}`,
        { reason: 'Mobil sudah dijual', has_car: false },
        { 'If-Match': `"${current.version}"` },
      )
      const newcomer = await createHousehold(registryApi, {
        household: {
          village_code: cirahab,
          kk_number: '3302011503208811',
          ...ordinaryHouse,
        },
        members: [member('Slamet Riyadi', 'L', '1995-11-30', 'kepala_keluarga', 8840)],
      })

      await page.goto(`/registry/households/${hartono.id}`)
      await signIn(page, 'operator.dtks', demoPassword)
      const section = page.getByTestId('household-pmt')
      await section
        .getByTestId('pmt-outdated')
        .getByText(/berubah setelah perkiraan dihitung/)
        .waitFor()
      // Until the next run the estimate stays as computed.
      assert.match(await section.getByTestId('pmt-estimated-desil').innerText(), /Desil 10/)
      await screenshot(page, 'pmt-household-outdated')

      await page.goto(`/registry/households/${newcomer.id}`)
      await section
        .getByTestId('pmt-no-estimate')
        .getByText(/belum punya perkiraan PMT/)
        .waitFor()
      assert.match(await section.getByTestId('pmt-weights').innerText(), /ilustratif-2026\.1/)
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a village operator reads the disagreements of the village but starts no run', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'pmt-village', async () => {
      await page.goto('/registry/pmt?min_gap=8')
      await signIn(page, 'operator.desa', demoPassword)
      await page.getByRole('heading', { name: 'Selisih desil resmi dan PMT' }).waitFor()
      const table = page.getByTestId('pmt-disagreements-table')
      await table.getByTestId(`pmt-household-${hartono.id}`).waitFor()
      await table.getByTestId(`pmt-household-${karsiti.id}`).waitFor()
      assert.equal(await page.getByTestId('pmt-run').count(), 0)
      assert.equal(await page.getByTestId('pmt-run-start').count(), 0)

      await page.getByTestId('language-switch').getByText('EN', { exact: true }).click()
      await page.getByRole('heading', { name: 'Official desil vs. PMT estimate' }).waitFor()
      await table.getByTestId(`pmt-household-${karsiti.id}`).click()
      const section = page.getByTestId('household-pmt')
      await section.getByTestId('pmt-gap-badge').getByText('8 desil apart').waitFor()
      assert.match(
        await section.getByTestId('pmt-gap').innerText(),
        /8 desil lower \(poorer\) than the official desil/,
      )
      // The weights' note is the file's own text; it says in English too that it is illustrative.
      assert.match(await section.getByTestId('pmt-weights').innerText(), /ILLUSTRATIVE/)
      assertNoProblems(problems)
    })
    await context.close()
  })
})
