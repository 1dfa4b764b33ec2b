// Debian's chromium driven by playwright-core, with the server's Content Security Policy
// enforced on every page so that inline scripts or eval in the web UI fail the tests.
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { artifactsDir } from './server.mjs'

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ')

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/**
 * A fresh browser profile (no cookies, no stored language) on the server at `baseUrl`.
 * `problems` collects CSP violations, uncaught page errors and requests that left the server.
 */
export async function openPage(browser, baseUrl) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 900 },
    locale: 'id-ID',
  })
  const problems = []
  await context.route('**/*', async (route) => {
    const request = route.request()
    if (!request.url().startsWith(baseUrl)) {
      problems.push(`request outside the server: ${request.url()}`)
      return route.abort()
    }
    if (request.resourceType() !== 'document') return route.fallback()
    const response = await route.fetch()
    return route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': contentSecurityPolicy },
    })
  })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`)
    }
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  return { context, page, problems }
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true })
  // What is fading in or out (a message, a closing dialog) is shown as it ends up; endless
  // animations such as spinners are not waited for.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => {})),
    ),
  )
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true })
}

/** Runs `steps`; on failure keeps a screenshot of what the browser showed, then fails. */
export async function keepEvidence(page, name, steps) {
  const evidence = path.join(artifactsDir, `${name}.failed.png`)
  fs.rmSync(evidence, { force: true })
  try {
    await steps()
  } catch (error) {
    await page.screenshot({ path: evidence, fullPage: true }).catch(() => {})
    throw error
  }
}
