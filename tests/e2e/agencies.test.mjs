// The admin registers an agency in a district found with the region picker, and the audit
// log shows who did it.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { assertNoProblems, choose, signIn, uiTimeoutMs } from './support/app.mjs'
import { keepEvidence, launchBrowser, openPage, screenshot } from './support/browser.mjs'
import { demoPassword, startServer } from './support/server.mjs'

describe('agencies', () => {
  let server
  let browser

  before(async () => {
    server = await startServer('agencies')
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('admin creates an agency in a district chosen by name; the audit log records it', async () => {
    const { context, page, problems } = await openPage(browser, server.baseUrl)
    page.setDefaultTimeout(uiTimeoutMs)
    await keepEvidence(page, 'agency-create', async () => {
      await page.goto('/agencies')
      await signIn(page, 'admin', demoPassword)
      await page.getByRole('heading', { name: 'Instansi' }).waitFor()

      await page.getByTestId('agency-create').click()
      const dialog = page.getByTestId('agency-create-dialog')
      await dialog.getByLabel('Kode').fill('KEC-WANGON')
      await dialog.getByLabel('Nama').fill('Kecamatan Wangon')
      await choose(page, 'agency-kind', 'Kecamatan')
      await choose(page, 'agency-region-level', 'Kecamatan')
      await dialog.locator('#agency-region').fill('Wangon')
      await page.getByRole('option', { name: 'Wangon (33.02.02)' }).click()
      await screenshot(page, 'agency-create-dialog')
      await page.getByTestId('agency-create-submit').click()

      await page.getByText('Instansi Kecamatan Wangon telah dibuat.').waitFor()
      const row = page.getByTestId('agencies-table').getByRole('row', { name: /KEC-WANGON/ })
      await row.waitFor()
      assert.match(await row.innerText(), /Kecamatan Wangon[\s\S]*Wangon[\s\S]*33\.02\.02/)

      await page.getByTestId('nav-audit').click()
      await page.getByRole('heading', { name: 'Log Audit' }).waitFor()
      const entry = page.getByTestId('audit-table').getByRole('row', { name: /KEC-WANGON/ })
      await entry.waitFor()
      assert.match(await entry.innerText(), /admin[\s\S]*agency[\s\S]*Berhasil/)
      await screenshot(page, 'agency-audit')
      assertNoProblems(problems)
    })
    await context.close()
  })
})
