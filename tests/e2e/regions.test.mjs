// Browsing the administrative areas: province → regency → district, with breadcrumbs.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { assertNoProblems, signIn, uiTimeoutMs } from './support/app.mjs'
import { keepEvidence, launchBrowser, openPage, screenshot } from './support/browser.mjs'
import { demoPassword, startServer } from './support/server.mjs'

describe('regions browser', () => {
  let server
  let browser

  before(async () => {
    server = await startServer('regions')
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('drills from Jawa Tengah to Kabupaten Banyumas and lists its districts', async () => {
    const { context, page, problems } = await openPage(browser, server.baseUrl)
    page.setDefaultTimeout(uiTimeoutMs)
    await keepEvidence(page, 'regions-drill-down', async () => {
      await page.goto('/')
      // Regions are open to every role; the coordinator is not an admin.
      await signIn(page, 'koordinator', demoPassword)
      await page.getByTestId('nav-regions').click()
      await page.getByRole('heading', { name: 'Daftar Provinsi' }).waitFor()
      const provinces = page.getByTestId('regions-table')
      await provinces.getByTestId('region-11').waitFor()
      assert.match(await page.getByTestId('list-count').innerText(), /dari 38$/)

      await provinces.getByTestId('region-33').click()
      await page.waitForURL(/\/regions\/33$/)
      await page.getByTestId('region-title').getByText('Jawa Tengah').waitFor()
      await page.getByRole('heading', { name: 'Daftar Kabupaten/Kota' }).waitFor()

      await page.getByTestId('regions-table').getByTestId('region-33.02').click()
      await page.waitForURL(/\/regions\/33\.02$/)
      await page.getByTestId('region-title').getByText('Kabupaten Banyumas').waitFor()
      await page.getByRole('heading', { name: 'Daftar Kecamatan' }).waitFor()
      const districts = page.getByTestId('regions-table')
      await districts.getByTestId('region-33.02.01').waitFor()
      assert.equal((await districts.getByTestId('region-33.02.01').innerText()).trim(), 'Lumbir')
      assert.equal((await districts.getByTestId('region-33.02.02').innerText()).trim(), 'Wangon')
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 27 dari 27$/)

      const trail = page.getByTestId('region-trail')
      assert.match(await trail.innerText(), /Indonesia[\s\S]*Jawa Tengah[\s\S]*Kabupaten Banyumas/)
      await screenshot(page, 'regions-banyumas')

      // The breadcrumb leads back up.
      await trail.getByRole('link', { name: 'Jawa Tengah' }).click()
      await page.waitForURL(/\/regions\/33$/)
      await page.getByRole('heading', { name: 'Daftar Kabupaten/Kota' }).waitFor()
      assertNoProblems(problems)
    })
    await context.close()
  })
})
