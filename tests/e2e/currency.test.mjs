// Data currency (kemutakhiran data) as an inspector and a village meet it: per village, how many
// households were verified recently, how many never were, the oldest verification and how many
// carry a warning; the window and the area can be changed; a village sees only its own village.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { assertNoProblems, choose, signIn } from './support/app.mjs'
import { apiSession, createHousehold } from './support/api.mjs'
import { keepEvidence, screenshot } from './support/browser.mjs'
import { appUnderTest } from './support/suite.mjs'
import { demoPassword } from './support/server.mjs'

const cirahab = '33.02.01.2001'

/** A calendar date `days` before today, as the register stores dates. */
function daysAgo(days) {
  const date = new Date()
  date.setUTCDate(date.getUTCDate() - days)
  return date.toISOString().slice(0, 10)
}

function indonesianDate(isoDate) {
  return new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  )
}

describe('data currency (kemutakhiran data)', () => {
  const app = appUnderTest('currency')
  let wangonVillage
  const verifiedLongAgo = daysAgo(500)

  before(async () => {
    const registryApi = await apiSession(app.server.baseUrl, 'operator.dtks')
    wangonVillage = (await registryApi.get('/api/v1/regions?parent=33.02.02&limit=1')).items[0]
    const head = (nik, name, birthDate) => ({
      nik,
      name,
      sex: 'L',
      birth_date: birthDate,
      relation: 'kepala_keluarga',
    })
    // Cirahab: verified a month ago, verified 500 days ago, never verified with a child without a NIK.
    await createHousehold(registryApi, {
      household: { village_code: cirahab, kk_number: '3302010101209701', verified_at: daysAgo(30) },
      members: [head('3302010101709701', 'Sarno', '1970-01-01')],
    })
    await createHousehold(registryApi, {
      household: {
        village_code: cirahab,
        kk_number: '3302010101209702',
        verified_at: verifiedLongAgo,
      },
      members: [head('3302010202719702', 'Tarmuji', '1971-02-02')],
    })
    await createHousehold(registryApi, {
      household: { village_code: cirahab, kk_number: '3302010101209703' },
      members: [
        head('3302010303729703', 'Wasini', '1972-03-03'),
        { name: 'Bayu', sex: 'L', birth_date: '2020-01-01', relation: 'anak' },
      ],
    })
    await createHousehold(registryApi, {
      household: {
        village_code: wangonVillage.code,
        kk_number: '3302020101209704',
        verified_at: daysAgo(10),
      },
      members: [head('3302020404739704', 'Kasmadi', '1973-04-04')],
    })
  })

  function rowOf(page, villageCode) {
    return page
      .getByTestId('currency-table')
      .getByRole('row')
      .filter({ has: page.getByTestId(`currency-village-${villageCode}`) })
  }

  test('an auditor reads each village’s figures, widens the window and narrows the area', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'currency-auditor', async () => {
      await page.goto('/')
      await signIn(page, 'auditor', demoPassword)
      await page.getByTestId('nav-currency').click()
      await page.getByRole('heading', { name: 'Kemutakhiran data' }).waitFor()

      const cirahabRow = rowOf(page, cirahab)
      await cirahabRow.waitFor()
      const cells = (await cirahabRow.locator('td').allInnerTexts()).map((text) =>
        text.replace(/\s+/g, ' ').trim(),
      )
      assert.deepEqual(cells, [
        `Cirahab ${cirahab}`,
        '3',
        '33% 1 dari 3',
        '1',
        indonesianDate(verifiedLongAgo),
        '1',
      ])
      assert.match(
        await page.getByTestId('currency-table').locator('thead').innerText(),
        /Diverifikasi dalam 12 bulan/,
      )
      await rowOf(page, wangonVillage.code).waitFor()
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 2 dari 2$/)
      await screenshot(page, 'currency-auditor')

      // Over two years the household verified 500 days ago counts as recent too.
      await choose(page, 'currency-months', '24 bulan terakhir')
      await cirahabRow.getByText('2 dari 3').waitFor()
      assert.match(await cirahabRow.getByTestId('currency-share').innerText(), /67\s?%/)
      assert.match(
        await page.getByTestId('currency-table').locator('thead').innerText(),
        /Diverifikasi dalam 24 bulan/,
      )

      // The district of Lumbir holds Cirahab only.
      await choose(page, 'currency-region-district', 'Lumbir')
      await rowOf(page, wangonVillage.code).waitFor({ state: 'detached' })
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 1 dari 1$/)
      await cirahabRow.waitFor()
      await screenshot(page, 'currency-auditor-lumbir')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a village operator sees the figures of their own village only', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'currency-village-operator', async () => {
      await page.goto('/data-currency')
      await signIn(page, 'operator.desa', demoPassword)
      await page.getByTestId('currency-area').getByText('Wilayah kerja Anda: Cirahab').waitFor()
      await rowOf(page, cirahab).waitFor()
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 1 dari 1$/)
      assert.equal(await rowOf(page, wangonVillage.code).count(), 0)
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('an NGO partner has no data currency page', async () => {
    const { context, page, problems } = await app.freshPage()
    await page.goto('/')
    await signIn(page, 'mitra.lsm', demoPassword)
    await page.getByTestId('welcome').waitFor()
    assert.equal(await page.getByTestId('nav-currency').count(), 0)
    await page.goto('/data-currency')
    await page.getByText('Peran Anda tidak dapat membuka halaman itu.').waitFor()
    assertNoProblems(problems)
    await context.close()
  })
})
