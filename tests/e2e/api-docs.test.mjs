// The readable API reference at /api/docs renders the server's own contract, offline.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { assertNoProblems, uiTimeoutMs } from './support/app.mjs'
import { keepEvidence, launchBrowser, openPage, screenshot } from './support/browser.mjs'
import { startServer } from './support/server.mjs'

describe('API reference', () => {
  let server
  let browser

  before(async () => {
    server = await startServer('api-docs')
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('renders /api/v1/openapi.yaml without anything from outside the server', async () => {
    const { context, page, problems } = await openPage(browser, server.baseUrl)
    page.setDefaultTimeout(uiTimeoutMs)
    await keepEvidence(page, 'api-docs', async () => {
      const contract = page.waitForResponse('**/api/v1/openapi.yaml')
      await page.goto('/api/docs')
      assert.equal((await contract).status(), 200)
      await page.getByText('/api/v1/auth/login', { exact: true }).first().waitFor()
      await page.getByText('/api/v1/regions/{code}', { exact: true }).first().waitFor()
      await screenshot(page, 'api-docs')
      assertNoProblems(problems)
    })
    await context.close()
  })
})
