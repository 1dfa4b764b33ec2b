// Steps a person takes in the Sinergi UI, shared by the journeys.
import assert from 'node:assert/strict'

export const uiTimeoutMs = 10_000

export async function signIn(page, username, password) {
  await page.getByLabel(/^(Nama pengguna|Username)$/).fill(username)
  await page.locator('#login-password').fill(password)
  await page.getByTestId('login-submit').click()
}

export async function signOut(page) {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: /^(Keluar|Sign out)$/ }).click()
  await page.waitForURL(/\/login/)
}

/** Chooses an option of a PrimeVue Select by its visible text. */
export async function choose(page, selectTestId, optionText) {
  await page.getByTestId(selectTestId).click()
  const option = page.getByRole('option', { name: optionText, exact: true })
  await option.click()
  // Let the list close, or the next Select's options could be confused with this one's.
  await option.waitFor({ state: 'detached' })
}

export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], 'the page broke the CSP, threw, or reached outside the server')
}
