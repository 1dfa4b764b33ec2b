// Programmes as the head of an agency runs them: the head of the social agency creates a
// programme with an eligibility rule built in the rule builder (a mistake typed as JSON is shown
// at the condition it concerns), watches the live count of eligible households, saves it, starts
// it, enrols the eligible households and the holders of an uploaded NIK/KK list (with the report
// of rows not enrolled), moves the beneficiaries through their lifecycle, freezes stage 1 and
// records a payment; the household's page then lists the programme and the aid paid. The
// coordinator reads the same programme without the means to change it.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { assertNoProblems, choose, signIn, signOut } from './support/app.mjs'
import { apiSession, createHousehold } from './support/api.mjs'
import { keepEvidence, screenshot } from './support/browser.mjs'
import { appUnderTest } from './support/suite.mjs'
import { demoPassword } from './support/server.mjs'

// The demo village (the first desa of the first district of Banyumas).
const cirahab = '33.02.01.2001'
const programCode = 'BANTU-SEKOLAH-2026'

/** A household of `desil` with its members, as the registry operator records it. */
function family(kk, desil, members) {
  return {
    household: {
      village_code: cirahab,
      kk_number: kk,
      address: 'Desa Cirahab',
      desil,
    },
    members,
  }
}

describe('programmes (program bantuan)', () => {
  const app = appUnderTest('programs')
  // Desil 2 with a child aged 9 in SD: eligible (desil 3 with a child aged 14 in SMP, too).
  let sutarno

  before(async () => {
    // Programmes of three agencies that run already.
    const adminApi = await apiSession(app.server.baseUrl, 'admin')
    const agencyId = async (code) =>
      (await adminApi.get(`/api/v1/agencies?q=${code}`)).items.find(
        (agency) => agency.code === code,
      ).id
    const year = new Date().getFullYear()
    const running = (agency, code, name, benefit, rule) =>
      adminApi.post('/api/v1/programs', {
        agency_id: agency,
        code,
        name,
        benefit_type: benefit,
        target_level: 'household',
        amount_per_stage: 750000,
        period_start: `${year}-01-01`,
        period_end: `${year}-12-31`,
        stages: [{ name: 'Tahap 1', planned_date: `${year}-03-20` }],
        eligibility_rule: rule,
        status: 'active',
      })
    await running(await agencyId('DINSOS'), 'PKH-2026', 'Program Keluarga Harapan 2026', 'cash', {
      all: [
        { field: 'desil', op: '<=', value: 3 },
        { members: { where: { field: 'age', op: '<=', value: 6 } } },
      ],
    })
    const healthPremium = await running(
      await agencyId('DINKES'),
      'PBI-JK-2026',
      'Bantuan Iuran Jaminan Kesehatan 2026',
      'insurance_premium',
      { field: 'desil', op: '<=', value: 5 },
    )
    await running(
      await agencyId('DINPERKIM'),
      'RTLH-2026',
      'Rehabilitasi Rumah Tidak Layak Huni 2026',
      'housing',
      {
        all: [
          { field: 'desil', op: '<=', value: 4 },
          { field: 'floor_material', op: '=', value: 'tanah' },
        ],
      },
    )

    const registryApi = await apiSession(app.server.baseUrl, 'operator.dtks')
    const record = (kk, desil, members) => createHousehold(registryApi, family(kk, desil, members))
    sutarno = await record('3302012001200101', 2, [
      {
        nik: '3302011203800101',
        name: 'Sutarno',
        sex: 'L',
        birth_date: '1980-03-12',
        relation: 'kepala_keluarga',
      },
      {
        nik: '3302014505170102',
        name: 'Dewi Lestari',
        sex: 'P',
        birth_date: '2017-05-05',
        relation: 'anak',
        schooling: 'sd',
      },
    ])
    await record('3302012001200202', 3, [
      {
        nik: '3302016007750201',
        name: 'Waginah',
        sex: 'P',
        birth_date: '1975-07-20',
        relation: 'kepala_keluarga',
      },
      {
        nik: '3302011402120202',
        name: 'Budi Santoso',
        sex: 'L',
        birth_date: '2012-02-14',
        relation: 'anak',
        schooling: 'smp',
      },
    ])
    // Sutarno's family already receives the health premium: the new programme will overlap it.
    const premium = await adminApi.post(`/api/v1/programs/${healthPremium.id}/enrolments`, {
      household_id: sutarno.id,
      reason: 'Penerima PBI-JK daerah',
    })
    for (const to of ['verified', 'active']) {
      await adminApi.post(`/api/v1/enrolments/${premium.id}/transition`, {
        to,
        reason: 'SK penerima',
      })
    }
    // Desil 2 without children, desil 8 with a child: not eligible.
    await record('3302012001200303', 2, [
      {
        nik: '3302010101500301',
        name: 'Karsono',
        sex: 'L',
        birth_date: '1950-01-01',
        relation: 'kepala_keluarga',
      },
      {
        nik: '3302015006550302',
        name: 'Parsini',
        sex: 'P',
        birth_date: '1955-06-10',
        relation: 'istri_suami',
      },
    ])
    await record('3302012001200404', 8, [
      {
        nik: '3302010909850401',
        name: 'Hartono',
        sex: 'L',
        birth_date: '1985-09-09',
        relation: 'kepala_keluarga',
      },
      {
        nik: '3302014303160402',
        name: 'Rina',
        sex: 'P',
        birth_date: '2016-03-03',
        relation: 'anak',
        schooling: 'sd',
      },
    ])
  })

  /** Resolves once the live count shows `count` households. */
  function previewShows(page, count) {
    return page
      .getByTestId('rule-preview-count')
      .filter({ hasText: new RegExp(`^${count}$`) })
      .waitFor()
  }

  /**
   * Types the digits `text` into a PrimeVue number input and checks they all arrived: on a busy machine a key
   * typed while the input re-renders its formatted value can be lost, so it is typed again (at most three times).
   */
  async function typeNumber(input, text) {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await input.selectText()
      await input.pressSequentially(text, { delay: 40 })
      if ((await input.inputValue()).replace(/\D/g, '') === text) return
    }
    assert.fail(`the number input kept ${await input.inputValue()} instead of ${text}`)
  }

  /** Confirms the open confirmation dialog with its `label` button. */
  async function confirmWith(page, label) {
    const dialog = page.getByRole('alertdialog')
    await dialog.getByRole('button', { name: label, exact: true }).click()
    await dialog.waitFor({ state: 'detached' })
  }

  /** Moves the enrolments ticked in the table to `target` with `reason`; resolves with the dialog's summary. */
  async function moveTicked(page, target, reason) {
    await page.getByTestId('enrolments-transition-open').click()
    const dialog = page.getByTestId('enrolment-transition')
    await choose(page, 'enrolment-transition-to', target)
    const count = await dialog.getByTestId('enrolment-transition-count').innerText()
    await dialog.getByTestId('enrolment-transition-reason').fill(reason)
    await dialog.getByTestId('enrolment-transition-submit').click()
    const done = await dialog.getByTestId('enrolment-transition-done').innerText()
    await dialog.getByTestId('enrolment-transition-close').click()
    await dialog.waitFor({ state: 'detached' })
    return { count, done }
  }

  function tickAll(table) {
    return table.locator('thead').getByRole('checkbox').check()
  }

  function rowOf(table, headName) {
    return table.locator('tbody tr').filter({ hasText: headName })
  }

  test('the head of the social agency creates a programme, enrols its households and freezes stage 1', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'programs-journey', async () => {
      await page.goto('/')
      await signIn(page, 'kadinsos', demoPassword)
      await page.getByTestId('nav-programs').click()
      await page.getByRole('heading', { name: 'Program', exact: true }).waitFor()
      // Every agency's programmes are listed; the filter narrows them.
      await page.getByTestId('program-link-PKH-2026').waitFor()
      await choose(page, 'programs-status', 'Berjalan')
      await page.getByTestId('programs-search').fill('PBI')
      await page.getByTestId('program-link-PKH-2026').waitFor({ state: 'detached' })
      await page.getByTestId('program-link-PBI-JK-2026').waitFor()
      assert.match(page.url(), /status=active/)

      await page.getByTestId('program-create-open').click()
      await page.waitForURL(/\/programs\/new$/)
      await page
        .getByTestId('program-new-agency')
        .getByText('Dinas Sosial', { exact: false })
        .waitFor()
      await page.getByTestId('program-new-code').fill('bantu-sekolah-2026')
      await page.getByTestId('program-new-name').fill('Bantuan Anak Sekolah 2026')
      await choose(page, 'program-new-benefit', 'Tunai')
      await typeNumber(page.getByTestId('program-new-amount').locator('input'), '300000')
      await page.getByTestId('program-stage-even').click()
      await page.getByTestId('program-stage-3-date').waitFor()
      assert.equal(
        await page.getByTestId('program-stage-0-date').inputValue(),
        `${new Date().getFullYear()}-03-31`,
      )
      await typeNumber(page.getByTestId('program-new-budget').locator('input'), '50000000')
      await typeNumber(page.getByTestId('program-new-target-count').locator('input'), '40')

      // The empty rule selects every household of the register.
      await previewShows(page, 4)

      // A code the catalogue does not know, typed in the JSON view, is refused by the server
      // and shown at its condition once the builder is back.
      await page.getByTestId('rule-view').getByText('JSON', { exact: true }).click()
      await page
        .getByTestId('rule-json')
        .fill('{"all": [{"field": "floor_material", "op": "in", "value": ["tanah", "kayu"]}]}')
      const complaints = page.getByTestId('rule-json-complaints')
      await complaints.getByText('eligibility_rule.all[0].value[1]').waitFor()
      assert.match(await complaints.innerText(), /kayu/)
      await page.getByTestId('rule-preview-refused').waitFor()
      await page.getByTestId('rule-view').getByText('Penyusun', { exact: true }).click()
      await page.getByTestId('rule-0-complaints').waitFor()
      assert.match(await page.getByTestId('rule-0-complaints').innerText(), /kayu/)
      await page.getByTestId('rule-0-remove').click()
      await page.getByTestId('rule-0-complaints').waitFor({ state: 'detached' })
      await previewShows(page, 4)

      // Desil 4 at most, and a member aged 6 to 18: the count follows each step.
      await page.getByTestId('rule-add-condition').click()
      await previewShows(page, 3)
      await page.getByTestId('rule-add-members').click()
      await previewShows(page, 2)
      assert.equal(
        await page.getByTestId('rule-sentence').innerText(),
        'Dibaca: Desil ≤ 4 dan sedikitnya 1 anggota: umur 6–18 tahun',
      )
      const listed = page.getByTestId('rule-preview-list')
      await listed.getByText('Sutarno').waitFor()
      await listed.getByText('Waginah').waitFor()
      assert.match(await listed.innerText(), /desil 2 ≤ 4/)
      assert.equal(await listed.getByText('Hartono').count(), 0)
      await screenshot(page, 'program-new-rule-builder')

      const created = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new URL(response.url()).pathname === '/api/v1/programs',
      )
      await page.getByTestId('program-new-submit').click()
      const program = await (await created).json()
      assert.equal(program.code, programCode)
      assert.equal(program.amount_per_stage, 300000)
      assert.equal(program.stages.length, 4)
      assert.deepEqual(program.eligibility_rule, {
        all: [
          { field: 'desil', op: '<=', value: 4 },
          {
            members: {
              where: { field: 'age', op: 'between', value: [6, 18] },
              at_least: 1,
            },
          },
        ],
      })
      await page.waitForURL(new RegExp(`/programs/${program.id}$`))
      await page.getByTestId('program-title').getByText('Bantuan Anak Sekolah 2026').waitFor()
      assert.match(await page.getByTestId('program-status').innerText(), /Draf/)
      assert.equal(
        await page.getByTestId('program-rule-sentence').innerText(),
        'Desil ≤ 4 dan sedikitnya 1 anggota: umur 6–18 tahun',
      )

      // The rule changes on the programme's page; the count follows before it is saved.
      await page.getByTestId('program-rule-edit').click()
      await previewShows(page, 2)
      const desilValue = page.getByTestId('rule-0-value').locator('input')
      const typeDesil = async (desil) => {
        await typeNumber(desilValue, desil)
        await desilValue.blur()
      }
      await typeDesil('2')
      await previewShows(page, 1)
      await typeDesil('3')
      await previewShows(page, 2)
      await page.getByTestId('program-rule-save').click()
      await page
        .getByTestId('program-rule-sentence')
        .filter({
          hasText: 'Desil ≤ 3 dan sedikitnya 1 anggota: umur 6–18 tahun',
        })
        .waitFor()
      await screenshot(page, 'program-details')

      // Details change on the version loaded; a change made meanwhile elsewhere is not overwritten.
      await page.getByTestId('program-edit-open').click()
      const edit = page.getByTestId('program-edit')
      const target = edit.getByTestId('program-edit-target-count').locator('input')
      await typeNumber(target, '45')
      await edit.getByTestId('program-edit-count').getByText('1 kolom diubah').waitFor()
      await edit.getByTestId('program-edit-submit').click()
      await edit.waitFor({ state: 'hidden' })
      const headApi = await apiSession(app.server.baseUrl, 'kadinsos')
      const stored = await headApi.get(`/api/v1/programs/${program.id}`)
      assert.equal(stored.target_count, 45)
      await headApi.patch(
        `/api/v1/programs/${program.id}`,
        { description: 'Diubah dari sistem lain' },
        { 'If-Match': `"${stored.version}"` },
      )
      await page.getByTestId('program-edit-open').click()
      await edit.getByTestId('program-edit-name').fill('Bantuan Anak Sekolah Desa 2026')
      await edit.getByTestId('program-edit-submit').click()
      await edit.getByTestId('program-edit-conflict').waitFor()
      await edit.getByTestId('program-edit-reload').click()
      await page.getByText('Data terbaru sudah dimuat.', { exact: false }).waitFor()
      await page.getByText('Diubah dari sistem lain').waitFor()
      assert.equal(await page.getByTestId('program-title').innerText(), 'Bantuan Anak Sekolah 2026')

      await page.getByTestId('program-activate').click()
      await confirmWith(page, 'Jalankan program')
      await page.getByText(`Program ${programCode} sekarang berjalan.`).waitFor()
      assert.match(await page.getByTestId('program-status').innerText(), /Berjalan/)

      // The eligible households, proposed at once.
      await page.getByTestId('program-tab-enrolments').click()
      await page.waitForURL(/tab=enrolments/)
      const table = page.getByTestId('enrolments-table')
      await table.getByText('Belum ada penerima.').waitFor()
      await page.getByTestId('enrol-eligible-open').click()
      const bulk = page.getByTestId('bulk-enrol')
      assert.equal(
        await bulk.getByTestId('bulk-enrol-reason').inputValue(),
        `Memenuhi aturan kelayakan ${programCode}`,
      )
      await bulk.getByTestId('bulk-enrol-submit').click()
      assert.equal(await bulk.getByTestId('bulk-enrol-enrolled').innerText(), '2')
      await bulk.getByTestId('bulk-enrol-close').click()
      await rowOf(table, 'Sutarno').waitFor()
      await rowOf(table, 'Waginah').waitFor()
      assert.match(await rowOf(table, 'Waginah').innerText(), /Diusulkan[\s\S]*Daftar layak/)

      // A list from the village: a match, one already enrolled, one that matches nothing.
      await page.getByTestId('enrol-list-open').click()
      await bulk.getByTestId('bulk-enrol-file').setInputFiles({
        name: 'usulan-desa.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'NIK;Nama\n3302010101500301;Karsono\n1234;Salah ketik\n3302012001200202;KK Waginah\n',
        ),
      })
      await bulk.getByTestId('bulk-enrol-rows').getByText('3 baris terbaca.').waitFor()
      await bulk.getByTestId('bulk-enrol-reason').fill('Usulan musyawarah desa Cirahab')
      await bulk.getByTestId('bulk-enrol-submit').click()
      await bulk.getByTestId('bulk-enrol-report').waitFor()
      assert.equal(await bulk.getByTestId('bulk-enrol-enrolled').innerText(), '1')
      assert.equal(await bulk.getByTestId('bulk-enrol-already').innerText(), '1')
      assert.equal(await bulk.getByTestId('bulk-enrol-not-found').innerText(), '1')
      const report = bulk.getByTestId('bulk-enrol-rows-table')
      const notFound = report.locator('tbody tr').filter({ hasText: '1234' })
      assert.match(await notFound.innerText(), /^3\s+1234\s+Tidak ditemukan/)
      assert.match(
        await report.locator('tbody tr').filter({ hasText: '3302012001200202' }).innerText(),
        /^4\s+3302012001200202\s+Sudah terdaftar/,
      )
      await screenshot(page, 'program-enrol-list-report')
      await bulk.getByTestId('bulk-enrol-close').click()
      await rowOf(table, 'Karsono').waitFor()
      assert.match(await rowOf(table, 'Karsono').innerText(), /Daftar unggahan/)

      // Verify everyone, exit the household that does not meet the rule, activate the rest.
      await tickAll(table)
      const verified = await moveTicked(
        page,
        'Verifikasi (diverifikasi)',
        'Hasil verifikasi lapangan',
      )
      assert.equal(verified.count.trim(), '3 penerima akan dipindahkan.')
      assert.equal(verified.done.trim(), '3 penerima dipindahkan.')
      await rowOf(table, 'Karsono').getByText('Diverifikasi').waitFor()
      await rowOf(table, 'Karsono').getByRole('checkbox').check()
      await moveTicked(page, 'Keluarkan', 'Tidak ada anak usia sekolah')
      await rowOf(table, 'Karsono').getByText('Dikeluarkan').waitFor()
      assert.match(await rowOf(table, 'Karsono').innerText(), /Tidak ada anak usia sekolah/)
      // Why he does not meet the rule, as the server explains it for his household.
      await rowOf(table, 'Karsono').getByRole('button', { name: 'Mengapa?' }).click()
      await rowOf(table, 'Karsono')
        .getByText(/^tidak layak: /)
        .waitFor()
      assert.match(
        await rowOf(table, 'Karsono').innerText(),
        /tidak ada anggota yang memenuhi: berumur 6–18 tahun/,
      )
      await tickAll(table)
      const activated = await moveTicked(
        page,
        'Aktifkan (penerima aktif)',
        'Mulai menerima bantuan',
      )
      assert.match(activated.count, /2 penerima akan dipindahkan\.\s+1 lainnya tidak dapat/)
      await rowOf(table, 'Sutarno').getByText('Aktif', { exact: true }).waitFor()
      await rowOf(table, 'Waginah').getByText('Aktif', { exact: true }).waitFor()

      // Stage 1: frozen from the active beneficiaries.
      await page.getByTestId('program-tab-stages').click()
      const stage = page.getByTestId('stage-1')
      await stage.getByTestId('stage-not-frozen').waitFor()
      await stage.getByTestId('stage-freeze').click()
      await page
        .getByRole('alertdialog')
        .getByText(/tidak berubah lagi/)
        .waitFor()
      await confirmWith(page, 'Bekukan daftar')
      await stage.getByTestId('stage-frozen').waitFor()
      assert.match(await stage.getByTestId('stage-frozen').innerText(), /oleh kadinsos/)
      assert.equal((await stage.getByTestId('stage-total-lines').innerText()).trim(), '2 baris')
      const lines = stage.getByTestId('disbursements-table')
      await lines.getByText('Sutarno').waitFor()
      await lines.getByText('Waginah').waitFor()
      assert.equal(await lines.getByText('Karsono').count(), 0)
      assert.match(await lines.locator('tbody').innerText(), /Rp\s?300\.000/)
      assert.equal(await stage.getByTestId('stage-freeze').count(), 0)

      // The bank reports Sutarno's payment.
      const sutarnoLine = lines.locator('tbody tr').filter({ hasText: 'Sutarno' })
      await sutarnoLine.getByRole('button', { name: /Catat/ }).click()
      const record = page.getByTestId('disbursement-record')
      await record.getByTestId('disbursement-channel').locator('input').fill('Bank')
      await record.getByTestId('disbursement-submit').click()
      await record.waitFor({ state: 'detached' })
      await sutarnoLine.getByText('Tersalurkan').waitFor()
      await stage.getByTestId('stage-total-paid').getByText('1 baris').waitFor()

      // The rest comes back from the bank as a results file. Sutarno's line cannot be paid
      // twice: all or nothing records nothing, a partial import records Waginah's row only.
      const waginahLine = lines.locator('tbody tr').filter({ hasText: 'Waginah' })
      const waginahId = (await waginahLine.locator('td').first().innerText()).trim()
      const sutarnoId = (await sutarnoLine.locator('td').first().innerText()).trim()
      const today = new Date().toISOString().slice(0, 10)
      const results = Buffer.from(
        'id_penyaluran,nik,status,tanggal,saluran,catatan\n' +
          `${waginahId},3302016007750201,gagal,${today},Bank,rekening tidak aktif\n` +
          `${sutarnoId},3302011203800101,dibayar,${today},Bank,\n`,
      )
      const importResults = async (partial) => {
        await stage.getByTestId('stage-results-open').click()
        const dialog = page.getByTestId('stage-results')
        await dialog.getByTestId('stage-results-file').setInputFiles({
          name: 'hasil-tahap-1.csv',
          mimeType: 'text/csv',
          buffer: results,
        })
        if (partial) await dialog.getByTestId('stage-results-partial').locator('input').check()
        await dialog.getByTestId('stage-results-submit').click()
        await dialog.getByTestId('stage-results-report').waitFor()
        const outcome = await dialog.getByTestId('stage-results-outcome').innerText()
        const applied = await dialog.getByTestId('stage-results-applied').innerText()
        const issues = await dialog.getByTestId('stage-results-issues').innerText()
        await screenshot(page, partial ? 'program-stage-results-partial' : 'program-stage-results')
        await dialog.getByTestId('stage-results-close').click()
        await dialog.waitFor({ state: 'detached' })
        return { outcome, applied, issues }
      }
      const refused = await importResults(false)
      assert.match(refused.outcome, /Tidak ada yang dicatat/)
      assert.equal(refused.applied, '0')
      assert.match(refused.issues, /^3\s/m)
      assert.match(refused.issues, /PRG-2303/)
      assert.equal(await waginahLine.getByText('Gagal').count(), 0)
      const partly = await importResults(true)
      assert.match(partly.outcome, /Sebagian dicatat/)
      assert.equal(partly.applied, '1')
      await waginahLine.getByText('Gagal').waitFor()
      assert.match(await waginahLine.innerText(), /rekening tidak aktif/)
      await stage.getByTestId('stage-total-failed').getByText('1 baris').waitFor()
      await screenshot(page, 'program-stage-frozen')

      // The household's page lists the programme and the aid paid to it.
      await page.goto(`/registry/households/${sutarno.id}`)
      const aid = page.getByTestId('household-programmes')
      await aid.getByTestId(`household-programme-${programCode}`).waitFor()
      assert.match(
        await aid.getByTestId(`household-programme-paid-${programCode}`).innerText(),
        /Rp\s?300\.000/,
      )
      await screenshot(page, 'program-household-aid')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('the coordinator sees the new programme overlap another on the dashboard and drills down to a village list', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'programs-coordinator-dashboard', async () => {
      await page.goto('/')
      await signIn(page, 'koordinator', demoPassword)
      await page.getByTestId('nav-dashboard').click()
      // The programme the head of agency just enrolled is on the dashboard with its households.
      await page.getByTestId(`targeting-link-${programCode}`).waitFor()
      await page.locator('canvas').first().waitFor()
      await screenshot(page, 'program-journey-dashboard')
      // Its overlap with the health premium: Sutarno's family is in both.
      await page.goto('/analytics/overlap')
      await page.getByTestId('overlap-heatmap').waitFor()
      const both = page.getByTestId(`overlap-cell-${programCode}-PBI-JK-2026`)
      await both.waitFor()
      assert.equal((await both.innerText()).trim(), '1')
      await both.click()
      await page.getByText('Sutarno').first().waitFor()
      // Coverage per district, down to the demo village and its poor households no programme reaches.
      await page.goto('/analytics/coverage')
      await page.getByTestId('coverage-area-33.02.01').click()
      await page.getByTestId(`coverage-area-${cirahab}`).waitFor()
      await page.getByTestId(`coverage-uncovered-${cirahab}`).click()
      // Karsono (desil 2, no children) is eligible for nothing enrolled: he is on the village's list.
      await page.getByText('Karsono').first().waitFor()
      assert.equal(await page.getByText('Sutarno').count(), 0)
      await screenshot(page, 'program-journey-village-list')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('the coordinator reads a programme but cannot change it', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'programs-coordinator', async () => {
      await page.goto('/programs')
      await signIn(page, 'koordinator', demoPassword)
      await page.getByTestId('program-link-PKH-2026').click()
      await page.getByTestId('program-title').getByText('Program Keluarga Harapan 2026').waitFor()
      await page
        .getByTestId('program-rule-sentence')
        .getByText(/^Desil ≤ 3 dan/)
        .waitFor()
      assert.equal(await page.getByTestId('program-create-open').count(), 0)
      assert.equal(await page.getByTestId('program-edit-open').count(), 0)
      assert.equal(await page.getByTestId('program-rule-edit').count(), 0)
      await page.getByTestId('program-tab-stages').click()
      await page.getByTestId('stage-1').waitFor()
      assert.equal(await page.getByTestId('stage-freeze').count(), 0)
      await signOut(page)

      // A programme of another agency offers its own staff no edit either: the owner decides.
      await signIn(page, 'kadinsos', demoPassword)
      await page.getByTestId('welcome').waitFor()
      await page.goto('/programs?q=RTLH')
      await page.getByTestId('program-link-RTLH-2026').click()
      await page.getByText(/hanya kepala dan staf instansi itu/).waitFor()
      assert.equal(await page.getByTestId('program-edit-open').count(), 0)
      assertNoProblems(problems)
    })
    await context.close()
  })
})
