// One server and one browser for a test file's describe block: started before its tests and closed after them.
// Call it first inside describe(); the file's own before() hooks then run with app.server already answering.
import { after, before } from 'node:test'
import { uiTimeoutMs } from './app.mjs'
import { launchBrowser, openPage } from './browser.mjs'
import { startServer } from './server.mjs'

export function appUnderTest(name) {
  const app = { server: null, browser: null }
  before(async () => {
    app.server = await startServer(name)
    app.browser = await launchBrowser()
  })
  after(async () => {
    await app.browser?.close()
    await app.server?.stop()
  })
  /** A new browser context and page on the app, with the UI timeout every journey uses. */
  app.freshPage = async () => {
    const opened = await openPage(app.browser, app.server.baseUrl)
    opened.page.setDefaultTimeout(uiTimeoutMs)
    return opened
  }
  return app
}
