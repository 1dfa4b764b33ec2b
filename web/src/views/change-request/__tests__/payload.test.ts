import { describe, expect, it } from 'vitest'
import type { ChangeRequest } from '@/api/changeRequests'
import type { Household } from '@/api/registry'
import { translatorIn } from '@/registerVocabulary'
import { describePayload, type PayloadContext } from '../modules/payload'

const base: Omit<ChangeRequest, 'kind' | 'payload'> = {
  id: 12,
  status: 'proposed',
  village_code: '33.02.01.2001',
  household_id: 7,
  person_id: null,
  reason: 'Hasil musyawarah desa',
  proposed_by: 'operator.desa',
  proposed_at: '2026-11-20T03:00:00Z',
  decided_by: null,
  decided_at: null,
  decision_note: null,
  result_household_id: null,
  attachments: [],
}

function member(id: number, name: string, extra: object = {}) {
  return { id, name, ...extra }
}

// Only what the description reads of a household: its attributes and its members' names.
const household = {
  id: 7,
  village_code: '33.02.01.2001',
  rt: '002',
  rw: '001',
  address: 'Jl. Raya Cirahab 12',
  floor_material: 'tanah',
  members: [
    member(70, 'Karta Wiryo', { occupation: null }),
    member(71, 'Sri Lestari', { occupation: 'Pedagang' }),
    member(72, 'Dimas Kartawiryo'),
  ],
} as unknown as Household

const context: PayloadContext = {
  household,
  villageName: (code) => (code === '33.02.01.2001' ? 'Cirahab' : null),
}

const indonesian = translatorIn('id')
const english = translatorIn('en')

function rows(request: ChangeRequest, t = indonesian, within = context) {
  return describePayload(t, request, within).map((section) => ({
    title: section.title,
    rows: section.rows.map((row) =>
      row.current === undefined
        ? `${row.label}: ${row.value}`
        : `${row.label}: ${row.current} → ${row.value}`,
    ),
  }))
}

describe('a change request’s payload, as a verifier reads it', () => {
  it('names a new member’s fields and codes in words, in the catalogue’s order', () => {
    const request = {
      ...base,
      kind: 'add_member',
      payload: {
        member: {
          relation: 'cucu',
          name: 'Putri Ayu',
          sex: 'P',
          birth_date: '2026-10-01',
          occupation: null,
        },
      },
    } as ChangeRequest
    expect(rows(request)).toEqual([
      {
        title: 'Anggota baru',
        rows: [
          'Nama: Putri Ayu',
          'Jenis kelamin: Perempuan',
          'Tanggal lahir: 1 Okt 2026',
          'Hubungan keluarga: Cucu',
        ],
      },
    ])
    expect(rows(request, english)[0]?.rows).toContain('Sex: Female')
  })

  it('puts the value held now beside a proposed change while the request waits', () => {
    const request = {
      ...base,
      kind: 'change_person',
      person_id: 71,
      payload: { changes: { occupation: null, work_status: 'bekerja' } },
    } as ChangeRequest
    expect(rows(request)).toEqual([
      {
        title: 'Perubahan data Sri Lestari',
        rows: ['Status pekerjaan: — → Bekerja', 'Pekerjaan: Pedagang → —'],
      },
    ])
  })

  it('shows a decided change without the value now, which the decision may have made', () => {
    const request = {
      ...base,
      kind: 'change_household',
      status: 'verified',
      payload: { changes: { floor_material: 'keramik' } },
    } as ChangeRequest
    expect(rows(request)[0]?.rows).toEqual(['Jenis lantai: Keramik'])
  })

  it('names the person of a death and the date', () => {
    const request = {
      ...base,
      kind: 'death',
      person_id: 71,
      payload: { date: '2026-11-02' },
    } as ChangeRequest
    expect(rows(request)).toEqual([
      {
        title: 'Kematian',
        rows: ['Anggota: Sri Lestari', 'Tanggal meninggal: 2 Nov 2026'],
      },
    ])
  })

  it('falls back to the person’s number when the household cannot be read', () => {
    const request = {
      ...base,
      kind: 'member_left',
      person_id: 71,
      payload: { date: '2026-11-02' },
    } as ChangeRequest
    const unread = { household: null, villageName: () => null }
    expect(rows(request, indonesian, unread)[0]?.rows).toEqual([
      'Anggota: Anggota #71',
      'Tanggal keluar: 2 Nov 2026',
    ])
  })

  it('shows a new household section by section, its village by name', () => {
    const request = {
      ...base,
      kind: 'new_household',
      household_id: null,
      payload: {
        household: { village_code: '33.02.01.2001', kk_number: '3302011503209901', rt: '003' },
        members: [
          { name: 'Slamet', sex: 'L', relation: 'kepala_keluarga' },
          { name: 'Wati', sex: 'P', relation: 'istri_suami' },
        ],
      },
    } as ChangeRequest
    const described = rows(request)
    expect(described.map((section) => section.title)).toEqual([
      'Rumah tangga',
      'Anggota 1: Slamet',
      'Anggota 2: Wati',
    ])
    expect(described[0]?.rows).toEqual([
      'Nomor KK: 3302011503209901',
      'Kode desa/kelurahan: Cirahab (33.02.01.2001)',
      'RT: 003',
    ])
  })

  it('names the members who split off and the new head', () => {
    const request = {
      ...base,
      kind: 'split',
      payload: {
        person_ids: [72, 71],
        head_person_id: 72,
        household: { kk_number: '3302011603219902' },
      },
    } as ChangeRequest
    expect(rows(request)).toEqual([
      {
        title: 'Anggota yang membentuk KK baru',
        rows: [
          'Anggota yang pisah: Dimas Kartawiryo, Sri Lestari',
          'Kepala keluarga baru: Dimas Kartawiryo',
        ],
      },
      { title: 'Rumah tangga baru', rows: ['Nomor KK: 3302011603219902'] },
    ])
  })

  it('shows a move’s whole new address against the old one', () => {
    const request = {
      ...base,
      kind: 'move',
      payload: { village_code: '33.02.01.2002', rt: '004', rw: '002', address: null },
    } as ChangeRequest
    expect(rows(request)[0]?.rows).toEqual([
      'Kode desa/kelurahan: Cirahab (33.02.01.2001) → 33.02.01.2002',
      'RT: 002 → 004',
      'RW: 001 → 002',
      'Alamat: Jl. Raya Cirahab 12 → —',
    ])
  })
})
