// Files in and out of the register, as the registry operator meets them: a file with one wrong
// row is refused whole and the page says which row, column and rule; the same file imported
// partially lets the sound households in; the report downloads; earlier imports are listed; and
// a search leaves Sinergi as a CSV or XLSX file only with a stated purpose.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { describe, test } from 'node:test'
import { assertNoProblems, choose, signIn } from './support/app.mjs'
import { keepEvidence, screenshot } from './support/browser.mjs'
import { appUnderTest } from './support/suite.mjs'
import { demoPassword } from './support/server.mjs'

// Rows 2–3 are one household in Cirahab, row 4 one in Cilacap, and row 5 has an impossible NIK
// (birth day 32) and birth date (month 13).
const registerFile = Buffer.from(
  [
    'no_kk,nik,nama,jenis_kelamin,tanggal_lahir,hubungan_keluarga,kode_desa',
    '3302011203150001,3302011708850001,Ahmad Fauzi,L,1985-08-17,kepala_keluarga,33.02.01.2001',
    '3302011203150001,3302015808870002,Siti Aminah,P,1987-08-18,istri_suami,33.02.01.2001',
    '3301011203150002,3301010101700003,Slamet Riyadi,L,1970-01-01,kepala_keluarga,33.01.01.2001',
    '3302011203150003,3302013213800005,Wahyu,L,1980-13-01,kepala_keluarga,33.02.01.2001',
    '',
  ].join('\n'),
)

/** Time for a background import of a few rows; the page asks about once a second. */
const importTimeoutMs = 30_000

describe('register import and export', () => {
  const app = appUnderTest('import-export')

  async function upload(page, { partial }) {
    await page.getByTestId('import-file').setInputFiles({
      name: 'register desa.csv',
      mimeType: 'text/csv',
      buffer: registerFile,
    })
    await page.getByTestId('import-file-chosen').getByText('register desa.csv').waitFor()
    if (partial) await page.getByTestId('import-partial').click()
    const started = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === '/api/v1/registry/imports',
    )
    await page.getByTestId('import-start').click()
    const response = await started
    assert.equal(response.status(), 202, await response.text())
    const job = await response.json()
    const url = new URL(response.url())
    assert.equal(url.searchParams.get('partial'), String(partial))
    assert.equal(url.searchParams.get('filename'), 'register desa.csv')
    assert.equal(response.request().headers()['content-type'], 'text/csv')
    await page
      .getByTestId(`import-job-${job.id}`)
      .getByTestId('import-outcome')
      .waitFor({ timeout: importTimeoutMs })
    return job
  }

  test('a file with one wrong row is refused whole, then imported partially', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'import-refused-then-partial', async () => {
      await page.goto('/')
      await signIn(page, 'operator.dtks', demoPassword)
      await page.getByTestId('nav-imports').click()
      await page.getByRole('heading', { name: 'Impor data' }).waitFor()
      await page.getByTestId('imports-table').getByText('Belum pernah ada impor.').waitFor()
      assert.equal(await page.getByTestId('import-start').isDisabled(), true)

      const refused = await upload(page, { partial: false })
      const result = page.getByTestId(`import-job-${refused.id}`)
      const outcome = result.getByTestId('import-outcome')
      assert.equal(await outcome.getAttribute('data-outcome'), 'refused')
      assert.match(await outcome.innerText(), /Tidak ada yang diimpor: berkas ditolak seluruhnya/)
      assert.match(await result.getByTestId('import-households').innerText(), /\n0$/)
      assert.match(await result.getByTestId('import-rowsRead').innerText(), /\n4$/)
      assert.match(await result.getByTestId('import-rowsRefused').innerText(), /\n1$/)
      const issues = result.getByTestId('import-issues')
      const firstIssue = (
        await issues.locator('tbody tr').first().locator('td').allInnerTexts()
      ).map((text) => text.trim())
      assert.equal(firstIssue[0], '5')
      assert.equal(firstIssue[1], 'nik')
      assert.match(firstIssue[2], /^REG-20\d\d$/)
      assert.match(firstIssue[3], /NIK 3302013213800005/)
      await screenshot(page, 'import-refused')

      const downloading = page.waitForEvent('download')
      await result.getByTestId('import-report').click()
      const report = await downloading
      assert.equal(report.suggestedFilename(), `import-${refused.id}-report.csv`)
      const reportText = fs.readFileSync(await report.path(), 'utf8')
      assert.match(reportText, /^\uFEFFrow,column,code,message_id,message_en\r\n/)
      assert.match(reportText, /\r\n5,nik,REG-/)

      // The problems read in English on request.
      await page.getByTestId('language-switch').getByText('EN', { exact: true }).click()
      await result.getByText(/Nothing was imported: the whole file was refused/).waitFor()
      assert.match(await issues.innerText(), /NIK 3302013213800005/)
      assert.doesNotMatch(await issues.innerText(), /tidak mungkin/)
      await page.getByTestId('language-switch').getByText('ID', { exact: true }).click()

      const partial = await upload(page, { partial: true })
      const partly = page.getByTestId(`import-job-${partial.id}`)
      assert.equal(
        await partly.getByTestId('import-outcome').getAttribute('data-outcome'),
        'partly',
      )
      assert.match(await partly.getByTestId('import-households').innerText(), /\n2$/)
      assert.match(await partly.getByTestId('import-persons').innerText(), /\n3$/)
      assert.match(await partly.getByTestId('import-rowsRefused').innerText(), /\n1$/)
      await screenshot(page, 'import-partial')

      // Both imports are listed, newest first, with what came of them.
      const history = page.getByTestId('imports-table')
      await history.getByTestId(`import-status-${partial.id}`).getByText('Selesai').waitFor()
      const rows = await history.locator('tbody tr').allInnerTexts()
      assert.equal(rows.length, 2)
      assert.match(
        rows[0],
        /register desa\.csv[\s\S]*Sebagian[\s\S]*2 rumah tangga diimpor, 1 baris ditolak/,
      )
      assert.match(rows[1], /register desa\.csv[\s\S]*0 rumah tangga diimpor, 1 baris ditolak/)

      // An earlier import's result can be opened again.
      await history.getByTestId(`import-show-${refused.id}`).click()
      await page.getByTestId(`import-job-${refused.id}`).getByTestId('import-issues').waitFor()
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a search is exported as CSV and XLSX with a stated purpose', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'export', async () => {
      await page.goto('/registry')
      await signIn(page, 'operator.dtks', demoPassword)
      await page.getByRole('heading', { name: 'Data Terpadu' }).waitFor()
      // The households imported above: narrow to the district of Lumbir (Cirahab's).
      await choose(page, 'registry-region-district', 'Lumbir')
      await page.waitForURL(/region=33\.02\.01/)
      await page.getByTestId('registry-table').getByText('Ahmad Fauzi').waitFor()

      await page.getByTestId('export-open').click()
      const dialog = page.getByTestId('export-dialog')
      // The region is named once its name has been read; its code stands in until then.
      await dialog.getByTestId('export-scope').getByText('Wilayah: Lumbir (33.02.01)').waitFor()
      assert.match(
        await dialog.getByTestId('export-audited').innerText(),
        /dicatat dalam log audit/,
      )
      await dialog.getByTestId('export-purpose').fill('Cek data')
      await dialog.getByTestId('export-submit').click()
      await dialog
        .getByTestId('export-purpose-error')
        .getByText('Tuliskan tujuan ekspor minimal 10 karakter.')
        .waitFor()

      await dialog
        .getByTestId('export-purpose')
        .fill('Verifikasi lapangan bantuan pangan 2026 di Kecamatan Lumbir')
      await dialog.getByTestId('export-purpose-error').waitFor({ state: 'detached' })
      await dialog.getByTestId('export-format').getByText('CSV', { exact: true }).click()
      await dialog
        .getByTestId('export-format')
        .locator('[aria-pressed="true"]')
        .getByText('CSV', { exact: true })
        .waitFor()
      await screenshot(page, 'export-dialog')
      const sent = page.waitForRequest(
        (request) =>
          request.method() === 'POST' &&
          new URL(request.url()).pathname === '/api/v1/registry/exports',
      )
      const downloading = page.waitForEvent('download')
      await dialog.getByTestId('export-submit').click()
      assert.deepEqual((await sent).postDataJSON(), {
        format: 'csv',
        purpose: 'Verifikasi lapangan bantuan pangan 2026 di Kecamatan Lumbir',
        filters: { region: '33.02.01', status: 'active' },
      })
      const csv = await downloading
      assert.match(csv.suggestedFilename(), /^register-\d{8}-\d{6}\.csv$/)
      const text = fs.readFileSync(await csv.path(), 'utf8')
      assert.match(text, /Ahmad Fauzi/)
      assert.match(text, /Siti Aminah/)
      assert.doesNotMatch(text, /Slamet Riyadi/)
      await page
        .getByText(`1 rumah tangga (2 orang) diekspor ke ${csv.suggestedFilename()}.`)
        .waitFor()
      await dialog.waitFor({ state: 'detached' })

      // The dialog remembers the last format; a workbook is a zip archive.
      await page.getByTestId('export-open').click()
      await dialog.getByTestId('export-format').getByText('XLSX (Excel)', { exact: true }).click()
      await dialog
        .getByTestId('export-purpose')
        .fill('Rekap data untuk rapat koordinasi TKPKD bulan ini')
      const workbookDownload = page.waitForEvent('download')
      await dialog.getByTestId('export-submit').click()
      const workbook = await workbookDownload
      assert.match(workbook.suggestedFilename(), /^register-\d{8}-\d{6}\.xlsx$/)
      assert.equal(
        fs
          .readFileSync(await workbook.path())
          .subarray(0, 2)
          .toString(),
        'PK',
      )
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a village operator may export but has no import page', async () => {
    const { context, page, problems } = await app.freshPage()
    await page.goto('/registry')
    await signIn(page, 'operator.desa', demoPassword)
    await page.getByTestId('export-open').waitFor()
    assert.equal(await page.getByTestId('nav-imports').count(), 0)
    await page.goto('/registry-imports')
    await page.getByText('Peran Anda tidak dapat membuka halaman itu.').waitFor()
    assertNoProblems(problems)
    await context.close()
  })
})
