// Change requests (usulan perubahan) as villages and the social agency meet them: a village
// operator proposes a new member with the birth certificate attached, the registry operator
// reads the proposal, downloads the document and verifies it, and the member is in the register;
// a rejection reaches the village with its note; a proposal can be withdrawn; and a proposal the
// register no longer allows is refused with the reason in the reader's language.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { before, describe, test } from 'node:test'
import { assertNoProblems, choose, signIn, signOut } from './support/app.mjs'
import { apiSession, createHousehold } from './support/api.mjs'
import { keepEvidence, screenshot } from './support/browser.mjs'
import { appUnderTest } from './support/suite.mjs'
import { demoPassword } from './support/server.mjs'

// The demo village operator's village (the first desa of the first district of Banyumas).
const cirahab = '33.02.01.2001'

// A small but real PDF: what a phone's scanner app would send for a birth certificate.
const birthCertificate = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)

describe('change requests (usulan perubahan)', () => {
  const app = appUnderTest('change-requests')
  let registryApi
  let villageApi
  let wiryo

  before(async () => {
    registryApi = await apiSession(app.server.baseUrl, 'operator.dtks')
    villageApi = await apiSession(app.server.baseUrl, 'operator.desa')
    wiryo = await createHousehold(registryApi, {
      household: {
        village_code: cirahab,
        kk_number: '3302011503209901',
        rt: '002',
        rw: '001',
        address: 'Jl. Raya Cirahab 12',
        floor_material: 'tanah',
        verified_at: '2025-06-01',
      },
      members: [
        {
          nik: '3302010504709901',
          name: 'Karta Wiryo',
          sex: 'L',
          birth_date: '1970-04-05',
          relation: 'kepala_keluarga',
        },
        {
          nik: '3302015708759902',
          name: 'Sri Lestari',
          sex: 'P',
          birth_date: '1975-08-17',
          relation: 'istri_suami',
        },
        {
          nik: '3302011002989903',
          name: 'Dimas Kartawiryo',
          sex: 'L',
          birth_date: '1998-02-10',
          relation: 'anak',
        },
      ],
    })
  })

  /** Resolves once the scroll events of what was just scrolled have been delivered. */
  function afterScrolling(page) {
    return page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    )
  }

  /** The change request the next proposal creates, as the server answered it. */
  function nextProposal(page) {
    return page
      .waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new URL(response.url()).pathname === '/api/v1/change-requests',
      )
      .then(async (response) => {
        assert.equal(response.status(), 201, await response.text())
        return response.json()
      })
  }

  test('a village operator proposes a new member and the registry operator verifies it', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'change-request-new-member', async () => {
      await page.goto(`/registry/households/${wiryo.id}`)
      await signIn(page, 'operator.desa', demoPassword)
      await page.getByTestId('household-title').getByText('KK 3302011503209901').waitFor()
      await page
        .getByTestId('proposal-intro')
        .getByText(/baru berlaku setelah diverifikasi/)
        .waitFor()
      // The village proposes; it has no direct edit.
      assert.equal(await page.getByTestId('household-edit-open').count(), 0)

      await page.getByTestId('propose-add-member').click()
      const dialog = page.getByTestId('member-edit')
      await dialog.getByText('Usulan anggota baru').waitFor()
      // Nothing filled in: the required fields say so before anything is sent.
      await dialog.getByTestId('member-edit-reason').fill('Kelahiran cucu, akta terlampir')
      await dialog.getByTestId('member-edit-submit').click()
      await dialog.getByTestId('member-edit-name-error').getByText('Wajib diisi.').waitFor()

      await dialog.getByTestId('member-edit-name').fill('Putri Ayu')
      await choose(page, 'member-edit-sex', 'Perempuan')
      await choose(page, 'member-edit-relation', 'Cucu')
      await dialog.getByTestId('member-edit-birth_date').fill('2026-10-01')
      await dialog.getByTestId('member-edit-nik').fill('330201411026')
      await dialog.getByTestId('member-edit-attachment').setInputFiles({
        name: 'akta-kelahiran.pdf',
        mimeType: 'application/pdf',
        buffer: birthCertificate,
      })
      await dialog
        .getByTestId('member-edit-attachment-chosen')
        .getByText('akta-kelahiran.pdf')
        .waitFor()
      assert.equal(
        (await dialog.getByTestId('member-edit-count').innerText()).trim(),
        '5 kolom diisi',
      )

      // The server's complaint about the NIK lands under the NIK field of the form.
      await dialog.getByTestId('member-edit-submit').click()
      const nikError = dialog.getByTestId('member-edit-nik-error')
      await nikError.waitFor()
      assert.match(await nikError.innerText(), /NIK harus 16 digit angka/)
      await screenshot(page, 'change-request-new-member-field-error')

      await dialog.getByTestId('member-edit-nik').fill('3302014110260001')
      const sent = page.waitForRequest(
        (request) =>
          request.method() === 'POST' &&
          new URL(request.url()).pathname === '/api/v1/change-requests',
      )
      const created = nextProposal(page)
      await dialog.getByTestId('member-edit-submit').click()
      const body = (await sent).postDataJSON()
      const proposal = await created
      assert.equal(body.kind, 'add_member')
      assert.equal(body.household_id, wiryo.id)
      assert.equal(body.reason, 'Kelahiran cucu, akta terlampir')
      assert.deepEqual(body.payload, {
        member: {
          nik: '3302014110260001',
          name: 'Putri Ayu',
          sex: 'P',
          birth_date: '2026-10-01',
          relation: 'cucu',
        },
      })
      assert.equal(body.attachments.length, 1)
      assert.equal(body.attachments[0].filename, 'akta-kelahiran.pdf')
      assert.equal(body.attachments[0].content_type, 'application/pdf')
      assert.deepEqual(Buffer.from(body.attachments[0].data_base64, 'base64'), birthCertificate)

      await page.getByText(`Usulan #${proposal.id} diajukan.`, { exact: false }).waitFor()
      await dialog.waitFor({ state: 'detached' })
      // Not in the register until it is verified.
      assert.equal(await page.getByTestId('members-table').getByText('Putri Ayu').count(), 0)

      await page.getByTestId('nav-changeRequests').click()
      await page.getByRole('heading', { name: 'Usulan perubahan' }).waitFor()
      // A village operator has no inbox to choose; the list is their own proposals.
      assert.equal(await page.getByTestId('change-requests-view').count(), 0)
      const mine = page.getByTestId('change-requests-table')
      const row = mine.getByRole('row', { name: new RegExp(`#${proposal.id}\\b`) })
      // The village is named once its name has been read.
      await row.getByText('Cirahab').waitFor()
      const rowText = await row.innerText()
      assert.match(rowText, /Anggota baru/)
      assert.match(rowText, /Putri Ayu/)
      assert.match(rowText, /Cirahab/)
      assert.match(rowText, /Menunggu verifikasi/)
      await screenshot(page, 'change-request-my-proposals')
      await signOut(page)

      // The registry operator's inbox lists what waits for them.
      await signIn(page, 'operator.dtks', demoPassword)
      await page.getByTestId('nav-changeRequests').click()
      const inbox = page.getByTestId('change-requests-table')
      await inbox.getByTestId(`change-request-link-${proposal.id}`).waitFor()
      assert.match(
        await page.getByTestId('change-requests-view').innerText(),
        /Kotak masuk[\s\S]*Usulan saya/,
      )
      await screenshot(page, 'change-request-inbox')
      await inbox.getByTestId(`change-request-link-${proposal.id}`).click()
      await page.waitForURL(new RegExp(`/change-requests/${proposal.id}$`))

      await page
        .getByTestId('change-request-title')
        .getByText(`Usulan #${proposal.id}: Anggota baru`)
        .waitFor()
      assert.match(
        await page.getByTestId('change-request-status').innerText(),
        /Menunggu verifikasi/,
      )
      await page.getByTestId('change-request-village').getByText('Cirahab').waitFor()
      await page
        .getByTestId('change-request-household')
        .getByText('KK 3302011503209901 · Karta Wiryo')
        .waitFor()
      assert.match(
        await page.getByTestId('change-request-proposed').innerText(),
        /^operator\.desa · /,
      )
      assert.equal(
        await page.getByTestId('change-request-reason').innerText(),
        'Kelahiran cucu, akta terlampir',
      )
      // The payload reads as the register's words, not as codes.
      const payload = page.getByTestId('payload-member')
      assert.match(await payload.innerText(), /Anggota baru/)
      const rowOf = async (field) =>
        (await payload.getByTestId(`payload-row-${field}`).innerText()).replace(/\s+/g, ' ').trim()
      assert.equal(await rowOf('name'), 'Nama Putri Ayu')
      assert.equal(await rowOf('sex'), 'Jenis kelamin Perempuan')
      assert.equal(await rowOf('relation'), 'Hubungan keluarga Cucu')
      assert.equal(await rowOf('birth_date'), 'Tanggal lahir 1 Okt 2026')
      assert.equal(await rowOf('nik'), 'NIK 3302014110260001')
      await screenshot(page, 'change-request-detail')

      const attachment = proposal.attachments[0]
      const downloading = page.waitForEvent('download')
      await page.getByTestId(`attachment-${attachment.id}`).click()
      const download = await downloading
      assert.equal(download.suggestedFilename(), 'akta-kelahiran.pdf')
      assert.deepEqual(fs.readFileSync(await download.path()), birthCertificate)

      await page.getByTestId('change-request-verify').click()
      const decision = page.getByTestId('decision-verify')
      await decision.getByText(/langsung diterapkan ke Data Terpadu/).waitFor()
      await decision.getByTestId('decision-note').fill('Akta kelahiran sesuai')
      await decision.getByTestId('decision-confirm').click()
      await page
        .getByText(`Usulan #${proposal.id} diverifikasi dan diterapkan ke Data Terpadu.`)
        .waitFor()
      await decision.waitFor({ state: 'detached' })
      assert.match(await page.getByTestId('change-request-status').innerText(), /Diverifikasi/)
      assert.match(
        await page.getByTestId('change-request-decided').innerText(),
        /^operator\.dtks · /,
      )
      assert.match(
        await page.getByTestId('change-request-note').innerText(),
        /Akta kelahiran sesuai/,
      )
      assert.equal(await page.getByTestId('change-request-verify').count(), 0)

      // The household now has the member, and its history says where she came from.
      await page.getByTestId('change-request-household').click()
      await page.waitForURL(new RegExp(`/registry/households/${wiryo.id}$`))
      await page.getByTestId('members-table').getByText('Putri Ayu').waitFor()
      const latest = page.getByTestId('household-history').locator('article').first()
      await latest.getByText(`(usulan #${proposal.id})`, { exact: false }).waitFor()
      assert.match(await latest.innerText(), /Usulan perubahan/)
      assert.match(await latest.innerText(), /Anggota: Putri Ayu/)
      await screenshot(page, 'change-request-member-in-register')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a rejection reaches the village with its note, and a pending proposal can be withdrawn', async () => {
    const { context, page, problems } = await app.freshPage()
    const sri = wiryo.members[1]
    await keepEvidence(page, 'change-request-reject-withdraw', async () => {
      await page.goto(`/registry/households/${wiryo.id}`)
      await signIn(page, 'operator.desa', demoPassword)
      await page.getByTestId('members-table').waitFor()

      // A death is proposed from the member's row, with its date. The wide table scrolls
      // sideways to the row's button first: a popup menu closes when its table scrolls.
      const propose = page.getByTestId(`member-propose-${sri.id}`)
      await propose.scrollIntoViewIfNeeded()
      await afterScrolling(page)
      await propose.click()
      await page.getByRole('menuitem', { name: 'Meninggal' }).click()
      const dialog = page.getByTestId('life-event')
      await dialog.getByText('Usulan kematian: Sri Lestari').waitFor()
      await dialog.getByTestId('life-event-life_status_date').fill('2026-11-02')
      await dialog.getByTestId('life-event-reason').fill('Meninggal dunia, laporan ketua RT')
      const created = nextProposal(page)
      await dialog.getByTestId('life-event-submit').click()
      const death = await created
      assert.equal(death.kind, 'death')
      assert.equal(death.person_id, sri.id)
      assert.deepEqual(death.payload, { date: '2026-11-02' })
      await dialog.waitFor({ state: 'detached' })

      // A change of the house's attributes is proposed too, and then thought better of.
      await page.getByTestId('household-propose-open').click()
      const edit = page.getByTestId('household-edit')
      await edit.getByText('Usulan perubahan data rumah tangga').waitFor()
      await choose(page, 'household-edit-floor_material', 'Keramik')
      await edit.getByTestId('household-edit-reason').fill('Lantai sudah dikeramik')
      const changed = nextProposal(page)
      await edit.getByTestId('household-edit-submit').click()
      const floor = await changed
      assert.deepEqual(floor.payload, { changes: { floor_material: 'keramik' } })
      await edit.waitFor({ state: 'detached' })
      await signOut(page)

      await page.goto(`/change-requests/${death.id}`)
      await signIn(page, 'operator.dtks', demoPassword)
      await page.getByTestId('payload-event').waitFor()
      assert.match(
        (await page.getByTestId('payload-event').innerText()).replace(/\s+/g, ' '),
        /Anggota Sri Lestari Tanggal meninggal 2 Nov 2026/,
      )
      await page.getByTestId('change-request-reject').click()
      const decision = page.getByTestId('decision-reject')
      await decision.getByTestId('decision-confirm').click()
      await decision
        .getByTestId('decision-note-error')
        .getByText('Tuliskan alasan penolakan minimal 3 karakter.')
        .waitFor()
      await decision.getByTestId('decision-note').fill('Lampirkan surat kematian dari desa')
      await decision.getByTestId('decision-confirm').click()
      await page.getByText(`Usulan #${death.id} ditolak.`).waitFor()
      assert.match(await page.getByTestId('change-request-status').innerText(), /Ditolak/)

      // The household change still waits: the registry operator sees the value it would replace.
      await page.goto(`/change-requests/${floor.id}`)
      const changes = page.getByTestId('payload-changes')
      await changes.waitFor()
      assert.equal(
        (await changes.getByTestId('payload-row-floor_material').innerText())
          .replace(/\s+/g, ' ')
          .trim(),
        'Jenis lantai Tanah Keramik',
      )
      await screenshot(page, 'change-request-household-change')
      await signOut(page)

      await signIn(page, 'operator.desa', demoPassword)
      await page.getByTestId('nav-changeRequests').click()
      const mine = page.getByTestId('change-requests-table')
      const rejected = mine.getByTestId(`change-request-status-${death.id}`)
      await rejected.waitFor()
      assert.match(await rejected.innerText(), /Ditolak[\s\S]*Lampirkan surat kematian dari desa/)

      await mine.getByTestId(`change-request-withdraw-${floor.id}`).click()
      await page.getByText(`Tarik usulan #${floor.id}?`, { exact: false }).waitFor()
      await page.getByRole('button', { name: 'Tarik', exact: true }).click()
      await page.getByText(`Usulan #${floor.id} telah ditarik.`).waitFor()
      assert.match(
        await mine.getByTestId(`change-request-status-${floor.id}`).innerText(),
        /Ditarik/,
      )
      assert.equal(await mine.getByTestId(`change-request-withdraw-${floor.id}`).count(), 0)
      await screenshot(page, 'change-request-rejected-and-withdrawn')

      // The register is as it was: neither the death nor the floor was applied.
      const household = await registryApi.get(`/api/v1/households/${wiryo.id}`)
      assert.equal(household.floor_material, 'tanah')
      assert.equal(household.members.find((member) => member.id === sri.id).life_status, 'alive')
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a proposal the register no longer allows is refused with the reason in English', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'change-request-refused', async () => {
      // The village proposes a member whose NIK, meanwhile, is registered in another household.
      const proposal = await villageApi.post('/api/v1/change-requests', {
        kind: 'add_member',
        household_id: wiryo.id,
        reason: 'Menantu pindah masuk',
        payload: {
          member: {
            nik: '3302015206999904',
            name: 'Rina Marlina',
            sex: 'P',
            birth_date: '1999-06-12',
            relation: 'menantu',
          },
        },
      })
      await createHousehold(registryApi, {
        household: { village_code: cirahab, kk_number: '3302011604219905' },
        members: [
          {
            nik: '3302015206999904',
            name: 'Rina Marlina',
            sex: 'P',
            birth_date: '1999-06-12',
            relation: 'kepala_keluarga',
          },
        ],
      })

      await page.goto(`/change-requests/${proposal.id}`)
      await signIn(page, 'operator.dtks', demoPassword)
      await page.getByTestId('change-request-title').waitFor()
      await page.getByTestId('language-switch').getByText('EN', { exact: true }).click()
      await page
        .getByTestId('change-request-title')
        .getByText(`Request #${proposal.id}: New member`)
        .waitFor()
      await page.getByTestId('change-request-verify').click()
      const decision = page.getByTestId('decision-verify')
      await decision.getByTestId('decision-confirm').click()
      const refusal = decision.getByTestId('decision-refusal')
      await refusal.waitFor()
      const text = await refusal.innerText()
      assert.match(text, /The request cannot be applied:/)
      assert.match(text, /NIK: .*3302015206999904/)
      assert.doesNotMatch(text, /sudah|terdaftar/)
      await screenshot(page, 'change-request-refused-english')
      await decision.getByRole('button', { name: 'Cancel' }).click()
      assert.match(
        await page.getByTestId('change-request-status').innerText(),
        /Awaiting verification/,
      )
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('a village operator proposes a family not yet in the register, which becomes a household', async () => {
    const { context, page, problems } = await app.freshPage()
    await keepEvidence(page, 'change-request-new-household', async () => {
      await page.goto('/change-requests')
      await signIn(page, 'operator.desa', demoPassword)
      await page.getByTestId('new-household-open').click()
      const dialog = page.getByTestId('new-household')
      await dialog.getByTestId('new-household-village').getByText('Cirahab').waitFor()
      await dialog.getByTestId('new-household-kk_number').fill('3302010511269906')
      await dialog.getByTestId('new-household-rt').fill('004')
      await choose(page, 'new-household-floor_material', 'Tanah')
      // The first member is the head of family unless said otherwise.
      await dialog.getByTestId('new-household-member-0-name').fill('Darsono')
      await choose(page, 'new-household-member-0-sex', 'Laki-laki')
      await dialog.getByTestId('new-household-member-0-nik').fill('3302011212809906')
      await dialog.getByTestId('new-household-member-0-birth_date').fill('1980-12-12')
      await dialog.getByTestId('new-household-add-member').click()
      await dialog.getByTestId('new-household-member-1-name').fill('Warsini')
      await choose(page, 'new-household-member-1-sex', 'Perempuan')
      await dialog.getByTestId('new-household-submit').click()
      // Checked before sending: the second member's relation and the reason.
      await dialog
        .getByTestId('new-household-member-1-relation-error')
        .getByText('Wajib diisi.')
        .waitFor()
      await dialog
        .getByTestId('new-household-reason-error')
        .getByText('Tuliskan alasan minimal 3 karakter.')
        .waitFor()
      await choose(page, 'new-household-member-1-relation', 'Istri/suami')
      await dialog.getByTestId('new-household-reason').fill('Keluarga baru pindah dari Cilacap')
      await screenshot(page, 'change-request-new-household-form')
      const created = nextProposal(page)
      await dialog.getByTestId('new-household-submit').click()
      const proposal = await created
      assert.equal(proposal.kind, 'new_household')
      assert.deepEqual(proposal.payload, {
        household: {
          kk_number: '3302010511269906',
          rt: '004',
          floor_material: 'tanah',
          village_code: cirahab,
        },
        members: [
          {
            nik: '3302011212809906',
            name: 'Darsono',
            sex: 'L',
            birth_date: '1980-12-12',
            relation: 'kepala_keluarga',
          },
          { name: 'Warsini', sex: 'P', relation: 'istri_suami' },
        ],
      })
      await page.getByText(`Usulan #${proposal.id} diajukan.`, { exact: false }).waitFor()
      await page
        .getByTestId('change-requests-table')
        .getByTestId(`change-request-link-${proposal.id}`)
        .waitFor()
      await signOut(page)

      await page.goto(`/change-requests/${proposal.id}`)
      await signIn(page, 'operator.dtks', demoPassword)
      assert.match(
        await page.getByTestId('payload-member-1').innerText(),
        /Anggota 2: Warsini[\s\S]*Istri\/suami/,
      )
      await page.getByTestId('change-request-verify').click()
      await page.getByTestId('decision-verify').getByTestId('decision-confirm').click()
      await page.getByTestId('change-request-result-household').click()
      await page.getByTestId('household-title').getByText('KK 3302010511269906').waitFor()
      assert.match(await page.getByTestId('household-head').innerText(), /Darsono/)
      assert.match(await page.getByTestId('members-table').innerText(), /Warsini/)
      assertNoProblems(problems)
    })
    await context.close()
  })

  test('an auditor has no change requests in the menu', async () => {
    const { context, page, problems } = await app.freshPage()
    await page.goto('/')
    await signIn(page, 'auditor', demoPassword)
    await page.getByTestId('welcome').waitFor()
    await page.getByTestId('nav-currency').waitFor()
    assert.equal(await page.getByTestId('nav-changeRequests').count(), 0)
    await page.goto('/change-requests')
    await page.getByText('Peran Anda tidak dapat membuka halaman itu.').waitFor()
    assertNoProblems(problems)
    await context.close()
  })
})
