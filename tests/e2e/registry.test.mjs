// The register (Data Terpadu) as its users meet it: a registry operator finds a household by a
// spelling variant of the head's name, corrects it with a reason and sees the change in the
// history; a village operator sees only their own village; an NGO partner never sees the register.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { assertNoProblems, choose, signIn } from './support/app.mjs'
import { apiSession, createHousehold } from './support/api.mjs'
import { keepEvidence, screenshot } from './support/browser.mjs'
import { appUnderTest } from './support/suite.mjs'
import { demoPassword } from './support/server.mjs'

// The demo village operator's village (the first desa of the first district of Banyumas).
const cirahab = '33.02.01.2001'

describe('register (Data Terpadu)', () => {
  const app = appUnderTest('registry')
  let operatorApi
  let inCirahab
  let inWangon

  before(async () => {
    operatorApi = await apiSession(app.server.baseUrl, 'operator.dtks')
    const wangonVillages = await operatorApi.get('/api/v1/regions?parent=33.02.02&limit=1')
    // The old spelling (oe, tj, doubled letters) is how many older family cards were written.
    inCirahab = await createHousehold(operatorApi, {
      household: {
        village_code: cirahab,
        kk_number: '3302010101209801',
        rt: '002',
        rw: '001',
        address: 'Jl. Raya Cirahab No. 5',
        floor_material: 'tanah',
        wall_material: 'anyaman_bambu',
        roof_material: 'genteng',
        water_source: 'sumur_terlindung',
        lighting: 'pln_meteran',
        electricity_va: 450,
        cooking_fuel: 'kayu_bakar',
        toilet: 'bersama',
        has_motorcycle: true,
        goat_count: 2,
        desil: 2,
        desil_source: 'dtsen',
        desil_as_of: '2025-10-01',
        verified_at: '2025-11-15',
      },
      members: [
        {
          nik: '3302011205759801',
          name: 'Moehammad Joesoef Tjokrosoewarno',
          sex: 'L',
          birth_place: 'Banyumas',
          birth_date: '1975-05-12',
          relation: 'kepala_keluarga',
          work_status: 'bekerja',
          occupation: 'Buruh tani',
        },
        {
          // The NIK says 4 August; the birth date was written down as 5 August.
          nik: '3302014408809802',
          name: 'Siti Aminah',
          sex: 'P',
          birth_date: '1980-08-05',
          relation: 'istri_suami',
          work_status: 'mengurus_rumah_tangga',
        },
        {
          name: 'Rizki Ramadhan',
          sex: 'L',
          birth_date: '2019-06-01',
          relation: 'anak',
        },
      ],
    })
    inWangon = await createHousehold(operatorApi, {
      household: {
        village_code: wangonVillages.items[0].code,
        kk_number: '3302020202219803',
        floor_material: 'keramik',
        desil: 5,
      },
      members: [
        {
          nik: '3302025503829803',
          name: 'Sri Wahyuni Tjokrosoewarno',
          sex: 'P',
          birth_date: '1982-03-15',
          relation: 'kepala_keluarga',
        },
      ],
    })
  })

  /** Whether the element can be seen without scrolling (inside the window and its dialog). */
  function inView(locator) {
    return locator.evaluate((element) => {
      const box = element.getBoundingClientRect()
      const scroller = element.closest('.p-dialog-content') ?? document.documentElement
      const frame = scroller.getBoundingClientRect()
      const top = Math.max(frame.top, 0)
      const bottom = Math.min(frame.bottom, window.innerHeight)
      return box.top >= top && box.bottom <= bottom
    })
  }

  test('a registry operator finds a household by a spelling variant, edits it with a reason and sees the history', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'registry-operator-edit', async () => {
      await page.goto('/')
      await signIn(page, 'operator.dtks', demoPassword)
      await page.getByTestId('nav-registry').click()
      await page.getByRole('heading', { name: 'Data Terpadu' }).waitFor()

      // Both families share a surname, written in the new spelling here.
      const table = page.getByTestId('registry-table')
      await page.getByTestId('registry-search').fill('Cokrosuwarno')
      await table.getByTestId(`household-link-${inWangon.id}`).waitFor()
      await table.getByTestId(`household-link-${inCirahab.id}`).waitFor()
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 2 dari 2$/)

      // Narrow to the district of Lumbir: only the Cirahab family is left.
      await choose(page, 'registry-region-district', 'Lumbir')
      await table.getByTestId(`household-link-${inWangon.id}`).waitFor({ state: 'detached' })
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 1 dari 1$/)
      await page.getByTestId('registry-region-district').locator('.p-select-clear-icon').click()
      await table.getByTestId(`household-link-${inWangon.id}`).waitFor()

      // "Muhamad Yusuf" is how the name is said; the card says "Moehammad Joesoef".
      await page.getByTestId('registry-search').fill('Muhamad Yusuf Cokrosuwarno')
      await table.getByTestId(`household-link-${inWangon.id}`).waitFor({ state: 'detached' })
      const row = table.getByRole('row', {
        name: /Moehammad Joesoef Tjokrosoewarno/,
      })
      await row.waitFor()
      const rowText = await row.innerText()
      assert.match(rowText, /3302010101209801/)
      assert.match(rowText, /Cirahab/)
      assert.match(rowText, /15 Nov 2025/)
      assert.match(page.url(), /\/registry\?q=Muhamad\+Yusuf\+Cokrosuwarno$/)
      await screenshot(page, 'registry-search-spelling-variant')

      await table.getByTestId(`household-link-${inCirahab.id}`).click()
      await page.waitForURL(new RegExp(`/registry/households/${inCirahab.id}$`))
      await page.getByTestId('household-title').getByText('KK 3302010101209801').waitFor()
      assert.match(
        await page.getByTestId('household-head').innerText(),
        /Moehammad Joesoef Tjokrosoewarno/,
      )
      assert.match(await page.getByTestId('household-desil').innerText(), /Desil 2[\s\S]*DTSEN/)
      assert.equal(await page.getByTestId('attribute-floor_material').innerText(), 'Tanah')
      assert.equal(
        await page.getByTestId('attribute-lighting').innerText(),
        'Listrik PLN dengan meteran',
      )
      assert.equal(await page.getByTestId('attribute-has_motorcycle').innerText(), 'Ya')
      const members = page.getByTestId('members-table')
      assert.match(await members.innerText(), /Kepala keluarga/)
      assert.match(await members.innerText(), /Istri\/suami/)
      const wife = inCirahab.members[1]
      assert.match(
        await page.getByTestId(`member-warnings-${wife.id}`).innerText(),
        /Tanggal lahir di NIK berbeda dengan tanggal lahir yang dicatat\./,
      )
      assert.match(
        await page.getByTestId(`member-warnings-${inCirahab.members[2].id}`).innerText(),
        /NIK belum ada\./,
      )
      await screenshot(page, 'registry-household')

      await page.getByTestId('household-edit-open').click()
      const dialog = page.getByTestId('household-edit')
      await choose(page, 'household-edit-floor_material', 'Semen/bata merah')
      await dialog.getByTestId('household-edit-reason').fill('Hasil verifikasi lapangan 12 Mei')
      assert.equal(
        (await dialog.getByTestId('household-edit-count').innerText()).trim(),
        '1 kolom diubah',
      )
      await screenshot(page, 'registry-household-edit')
      const sent = page.waitForRequest(
        (request) =>
          request.method() === 'PATCH' && request.url().endsWith(`/households/${inCirahab.id}`),
      )
      await dialog.getByTestId('household-edit-submit').click()
      const patch = await sent
      // Only the changed field and the reason travel, based on the version that was loaded.
      assert.deepEqual(patch.postDataJSON(), {
        floor_material: 'semen_bata',
        reason: 'Hasil verifikasi lapangan 12 Mei',
      })
      assert.equal(patch.headers()['if-match'], '"1"')

      await page.getByText('Perubahan disimpan.').waitFor()
      await dialog.waitFor({ state: 'detached' })
      assert.equal(
        await page.getByTestId('attribute-floor_material').innerText(),
        'Semen/bata merah',
      )

      // Newest first: the change just made heads the timeline, in words, with who and why.
      const latest = page.getByTestId('household-history').locator('article').first()
      await latest.getByText('Alasan: Hasil verifikasi lapangan 12 Mei').waitFor()
      const latestText = await latest.innerText()
      assert.match(latestText, /Diubah/)
      assert.match(latestText, /Data rumah tangga/)
      assert.match(latestText, /oleh operator\.dtks/)
      assert.match(latestText, /Formulir/)
      assert.match(latestText, /Jenis lantai:\s*Tanah\s*Semen\/bata merah/)
      assert.equal(await latest.locator('li').count(), 1)
      await page.getByTestId('household-history').scrollIntoViewIfNeeded()
      await screenshot(page, 'registry-household-history')

      // Back to the search, which is as it was left.
      await page.getByTestId('household-back').click()
      await page.waitForURL(/\/registry\?q=Muhamad\+Yusuf\+Cokrosuwarno$/)
      assert.equal(
        await page.getByTestId('registry-search').inputValue(),
        'Muhamad Yusuf Cokrosuwarno',
      )
      await table.getByTestId(`household-link-${inCirahab.id}`).waitFor()
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a member edit shows the server’s complaint under the field, and a clash with another change offers to reload', async () => {
    const { context, page, problems } = await app.freshPage()
    const wife = inCirahab.members[1]
    await keepEvidence(page, 'registry-member-edit', async () => {
      await page.goto(`/registry/households/${inCirahab.id}`)
      await signIn(page, 'operator.dtks', demoPassword)
      await page.getByTestId('household-title').waitFor()

      await page.getByTestId(`member-edit-${wife.id}`).click()
      const dialog = page.getByTestId('member-edit')
      await dialog.getByText('Ubah data anggota: Siti Aminah').waitFor()
      await dialog.getByTestId('member-edit-nik').fill('33020144088')
      await dialog.getByTestId('member-edit-reason').fill('Koreksi sesuai KTP')
      await dialog.getByTestId('member-edit-submit').click()
      const nikError = dialog.getByTestId('member-edit-nik-error')
      await nikError.waitFor()
      assert.match(await nikError.innerText(), /NIK harus 16 digit angka/)
      assert.ok(await inView(nikError), 'the complaint is scrolled into view')
      await screenshot(page, 'registry-member-field-error')

      // Meanwhile a colleague records her occupation.
      const current = await operatorApi.get(`/api/v1/households/${inCirahab.id}`)
      const stored = current.members.find((member) => member.id === wife.id)
      await operatorApi.patch(
        `/api/v1/persons/${wife.id}`,
        { reason: 'Pendataan pekerjaan', occupation: 'Pedagang sayur' },
        { 'If-Match': `"${stored.version}"` },
      )

      await dialog.getByTestId('member-edit-nik').fill('3302014408809802')
      await dialog.getByTestId('member-edit-birth_date').fill('1980-08-04')
      await dialog.getByTestId('member-edit-submit').click()
      const conflict = dialog.getByTestId('member-edit-conflict')
      await conflict.waitFor()
      assert.match(await conflict.innerText(), /Data ini sudah diubah orang lain/)
      assert.ok(await inView(conflict), 'the clash is shown where the user looks')
      // A trial click waits until the message has finished appearing, for a true screenshot.
      await dialog.getByTestId('member-edit-reload').click({ trial: true })
      await screenshot(page, 'registry-member-conflict')
      await dialog.getByTestId('member-edit-reload').click()
      await page
        .getByText('Data terbaru sudah dimuat. Periksa, lalu ulangi perubahan Anda.')
        .waitFor()
      await dialog.waitFor({ state: 'detached' })
      await page.getByTestId('members-table').getByText('Pedagang sayur').waitFor()

      // With the latest data, the correction goes through and the warning it settles disappears.
      await page.getByTestId(`member-edit-${wife.id}`).click()
      await dialog.getByTestId('member-edit-birth_date').fill('1980-08-04')
      await dialog.getByTestId('member-edit-reason').fill('Koreksi tanggal lahir sesuai KTP')
      await dialog.getByTestId('member-edit-submit').click()
      await page.getByText('Perubahan disimpan.').waitFor()
      await dialog.waitFor({ state: 'detached' })
      await page
        .getByTestId(`member-warnings-${wife.id}`)
        .getByText(/Tanggal lahir di NIK/)
        .waitFor({
          state: 'detached',
        })
      const latest = page.getByTestId('household-history').locator('article').first()
      await latest.getByText('Alasan: Koreksi tanggal lahir sesuai KTP').waitFor()
      assert.match(await latest.innerText(), /Anggota: Siti Aminah/)
      assert.match(await latest.innerText(), /Tanggal lahir:\s*5 Agu 1980\s*4 Agu 1980/)
      await screenshot(page, 'registry-member-saved')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('the household page speaks English on request', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'registry-english', async () => {
      await page.goto(`/registry/households/${inCirahab.id}`)
      await signIn(page, 'koordinator', demoPassword)
      await page.getByTestId('household-title').waitFor()
      await page.getByTestId('language-switch').getByText('EN', { exact: true }).click()
      await page.getByRole('heading', { name: 'Household members' }).waitFor()
      assert.equal(
        await page.getByTestId('attribute-floor_material').innerText(),
        'Cement or red brick',
      )
      assert.equal(await page.getByTestId('attribute-toilet').innerText(), 'Shared')
      assert.match(await page.getByTestId('members-table').innerText(), /Head of family/)
      assert.match(
        await page.getByTestId(`member-warnings-${inCirahab.members[2].id}`).innerText(),
        /The NIK is missing\./,
      )
      assert.match(
        await page.getByTestId('household-history').innerText(),
        /Floor material:\s*Earth\s*Cement or red brick/,
      )
      // The coordinator reads the register but does not change it.
      assert.equal(await page.getByTestId('household-edit-open').count(), 0)
      await screenshot(page, 'registry-household-english')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a village operator sees the register of their own village only', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'registry-village-operator', async () => {
      await page.goto('/')
      await signIn(page, 'operator.desa', demoPassword)
      await page.getByTestId('nav-registry').click()
      await page.getByRole('heading', { name: 'Data Terpadu' }).waitFor()
      await page.getByTestId('registry-area').getByText('Wilayah kerja Anda: Cirahab').waitFor()

      // Whatever else the register holds, every household listed is in Cirahab.
      const table = page.getByTestId('registry-table')
      await table.getByTestId('household-village-name').first().waitFor()
      const villages = await table.getByTestId('household-village-name').allInnerTexts()
      assert.ok(villages.length > 0)
      assert.deepEqual([...new Set(villages.map((name) => name.trim()))], ['Cirahab'])

      await page.getByTestId('registry-search').fill('Cokrosuwarno')
      await page.waitForURL(/\?q=Cokrosuwarno$/)
      await table.getByTestId(`household-link-${inCirahab.id}`).waitFor()
      assert.match(await page.getByTestId('list-count').innerText(), /Menampilkan 1 dari 1$/)
      assert.equal(await table.getByTestId(`household-link-${inWangon.id}`).count(), 0)
      await screenshot(page, 'registry-village-operator')

      await table.getByTestId(`household-link-${inCirahab.id}`).click()
      await page.getByTestId('household-title').waitFor()
      await page.getByTestId('members-table').waitFor()
      // Village operators propose changes; they do not edit the register directly.
      assert.equal(await page.getByTestId('household-edit-open').count(), 0)
      assert.equal(await page.locator('[data-testid^="member-edit-"]').count(), 0)

      await page.goto(`/registry/households/${inWangon.id}`)
      const refusal = page.getByTestId('household-error')
      await refusal.waitFor()
      assert.equal((await refusal.innerText()).trim(), 'Data ini di luar wilayah kerja Anda.')
      await screenshot(page, 'registry-village-operator-other-village')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('an NGO partner has no register menu and a direct link is refused', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'registry-ngo-partner', async () => {
      await page.goto('/')
      await signIn(page, 'mitra.lsm', demoPassword)
      await page.getByTestId('welcome').waitFor()
      await page.getByTestId('nav-regions').waitFor()
      assert.equal(await page.getByTestId('nav-registry').count(), 0)

      for (const path of ['/registry', `/registry/households/${inCirahab.id}`]) {
        await page.goto(path)
        await page.getByText('Peran Anda tidak dapat membuka halaman itu.').waitFor()
        assert.match(page.url(), /\/\?denied=/)
        assert.equal(await page.getByText('Moehammad Joesoef Tjokrosoewarno').count(), 0)
      }
      await screenshot(page, 'registry-ngo-partner-refused')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('an auditor, who sees aggregates only, has no register menu either', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'registry-auditor', async () => {
      await page.goto('/')
      await signIn(page, 'auditor', demoPassword)
      await page.getByTestId('welcome').waitFor()
      await page.getByTestId('nav-regions').waitFor()
      assert.equal(await page.getByTestId('nav-registry').count(), 0)
      assertNoProblems(problems)
    })
    await context.close()
  })
})
