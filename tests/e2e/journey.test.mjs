// The "done when": Indonesian login, admin creates a user, that user signs in.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertNoProblems, choose, signIn, signOut } from './support/app.mjs'
import { keepEvidence, screenshot } from './support/browser.mjs'
import { appUnderTest } from './support/suite.mjs'
import { demoPassword } from './support/server.mjs'

describe('first sign-in journey', () => {
  const app = appUnderTest('journey')

  test('the login page is in Indonesian', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'login-indonesian', async () => {
      await page.goto('/')
      await page.waitForURL(/\/login$/)
      await page.getByRole('heading', { name: 'Masuk' }).waitFor()
      await page.getByLabel('Nama pengguna').waitFor()
      await page.getByText('Kata sandi', { exact: true }).waitFor()
      assert.equal(await page.getAttribute('html', 'lang'), 'id')
      await screenshot(page, 'login-indonesian')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a wrong password shows the server’s Indonesian message', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'login-wrong-password', async () => {
      await page.goto('/login')
      await signIn(page, 'koordinator', 'bukan-kata-sandinya')
      const error = page.getByTestId('login-error')
      await error.waitFor()
      assert.equal((await error.innerText()).trim(), 'Nama pengguna atau kata sandi salah.')
      assert.match(page.url(), /\/login$/)
      await screenshot(page, 'login-wrong-password')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('admin creates a user with an agency and a role, who then signs in', async () => {
    const { context, page, problems } = await app.freshPage()
    const username = 'siti.rahma'
    const fullName = 'Siti Rahmawati'
    const password = 'Sinergi-Siti-2026'
    await keepEvidence(page, 'create-user', async () => {
      await page.goto('/')
      await signIn(page, 'admin', demoPassword)
      await page.getByTestId('welcome').waitFor()
      await page.getByTestId('nav-audit').waitFor()

      await page.getByTestId('nav-users').click()
      await page.getByRole('heading', { name: 'Pengguna' }).waitFor()
      const agencies = await (await page.request.get('/api/v1/agencies?active=true')).json()
      const agency = agencies.items.find((item) => item.kind === 'dinas') ?? agencies.items[0]
      assert.ok(agency, 'the demo data has at least one agency')

      await page.getByTestId('user-create').click()
      const dialog = page.getByTestId('user-create-dialog')
      await dialog.getByLabel('Nama pengguna').fill(username)
      await dialog.getByLabel('Nama lengkap').fill(fullName)
      await choose(page, 'user-form-agency', agency.name)
      await choose(page, 'user-form-role', 'Staf Perangkat Daerah')
      await dialog.locator('#user-password').fill(password)
      await screenshot(page, 'create-user-dialog')
      await page.getByTestId('user-create-submit').click()

      await page.getByText(`Pengguna ${username} telah dibuat.`).waitFor()
      const row = page.getByTestId('users-table').getByRole('row', { name: new RegExp(username) })
      await row.waitFor()
      const rowText = await row.innerText()
      assert.match(rowText, new RegExp(fullName))
      assert.match(rowText, new RegExp(agency.name))
      assert.match(rowText, /Staf Perangkat Daerah/)
      await screenshot(page, 'create-user-done')

      await signOut(page)
      await page.getByRole('heading', { name: 'Masuk' }).waitFor()

      await signIn(page, username, password)
      const welcome = page.getByTestId('welcome')
      await welcome.waitFor()
      assert.equal((await welcome.innerText()).trim(), `Selamat datang, ${fullName}`)
      assert.equal((await page.getByTestId('session-full-name').innerText()).trim(), fullName)
      assert.equal(
        (await page.getByTestId('session-role').innerText()).trim(),
        'Staf Perangkat Daerah',
      )
      // Agency staff may not read users or the audit log: those items are not offered.
      assert.equal(await page.getByTestId('nav-users').count(), 0)
      assert.equal(await page.getByTestId('nav-audit').count(), 0)
      await page.getByTestId('nav-regions').waitFor()
      await screenshot(page, 'new-user-home')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('the server’s complaint about a field is shown under that field', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'create-user-field-error', async () => {
      await page.goto('/users')
      await signIn(page, 'admin', demoPassword)
      await page.getByRole('heading', { name: 'Pengguna' }).waitFor()
      const agencies = await (await page.request.get('/api/v1/agencies?kind=dinas')).json()
      await page.getByTestId('user-create').click()
      const dialog = page.getByTestId('user-create-dialog')
      await dialog.getByLabel('Nama pengguna').fill('budi.santoso')
      await dialog.getByLabel('Nama lengkap').fill('Budi Santoso')
      await choose(page, 'user-form-agency', agencies.items[0].name)
      await choose(page, 'user-form-role', 'Pendamping')
      await dialog.locator('#user-password').fill('pendek')
      await page.getByTestId('user-create-submit').click()

      const passwordError = dialog.getByTestId('user-password-error')
      await passwordError.waitFor()
      assert.notEqual((await passwordError.innerText()).trim(), '')
      assert.equal(await dialog.getByTestId('user-username-error').count(), 0)
      await screenshot(page, 'create-user-field-error')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('switching to English changes the UI and the language of API messages', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'language-switch', async () => {
      await page.goto('/login')
      await page.getByRole('heading', { name: 'Masuk' }).waitFor()
      await page.getByTestId('language-switch').getByText('EN', { exact: true }).click()
      await page.getByRole('heading', { name: 'Sign in' }).waitFor()
      await page.getByLabel('Username').waitFor()
      assert.equal(await page.getAttribute('html', 'lang'), 'en')

      // The choice survives a reload and is sent to the server with every request.
      await page.reload()
      await page.getByRole('heading', { name: 'Sign in' }).waitFor()
      const loginRequest = page.waitForRequest('**/api/v1/auth/login')
      await signIn(page, 'admin', demoPassword)
      assert.equal((await loginRequest).headers()['accept-language'], 'en')
      await page.getByTestId('welcome').waitFor()
      assert.match(await page.getByTestId('welcome').innerText(), /^Welcome, /)
      assert.equal((await page.getByTestId('nav-users').innerText()).trim(), 'Users')
      assert.equal((await page.getByTestId('nav-audit').innerText()).trim(), 'Audit log')
      await screenshot(page, 'language-english')
      assertNoProblems(problems)
    })
    await context.close()
  })
})
