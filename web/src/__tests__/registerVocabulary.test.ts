import { describe, expect, it } from 'vitest'
import {
  householdCodes,
  householdFields,
  personCodes,
  personFields,
  type ClosedReason,
  type HistoryKind,
  type HistorySource,
  type HouseholdStatus,
  type RegisterWarning,
} from '@/api/registry'
import en from '@/locales/en'
import id from '@/locales/id'
import {
  ageInYears,
  householdGroups,
  personGroups,
  translatorIn,
  valueLabel,
  warningText,
} from '@/registerVocabulary'

const indonesian = translatorIn('id')
const english = translatorIn('en')

describe('register labels', () => {
  it('name every household and person field in Indonesian and English', () => {
    for (const field of [...Object.keys(householdFields), ...Object.keys(personFields)]) {
      expect(id.registry.fields, field).toHaveProperty(field)
      expect(en.registry.fields, field).toHaveProperty(field)
    }
  })

  it('name every code the server accepts in Indonesian and English', () => {
    for (const [field, codes] of Object.entries({ ...householdCodes, ...personCodes })) {
      for (const code of codes) {
        expect(id.registry.values, `${field}.${code}`).toHaveProperty([field, code])
        expect(en.registry.values, `${field}.${code}`).toHaveProperty([field, code])
      }
    }
  })

  it('name every status, closing reason and kind and source of history event', () => {
    // Records typed by the contract: a value it adds fails to compile here until it is named.
    const statuses: Record<HouseholdStatus, true> = { active: true, closed: true }
    const closedReasons: Record<ClosedReason, true> = {
      moved_out: true,
      dissolved: true,
      merged: true,
    }
    const kinds: Record<HistoryKind, true> = { create: true, change: true, close: true }
    const sources: Record<HistorySource, true> = {
      form: true,
      import: true,
      change_request: true,
      merge: true,
      demo: true,
    }
    for (const messages of [id, en]) {
      for (const status of Object.keys(statuses)) {
        expect(messages.registry.statuses).toHaveProperty(status)
      }
      for (const reason of Object.keys(closedReasons)) {
        expect(messages.registry.closedReasons).toHaveProperty(reason)
      }
      for (const kind of Object.keys(kinds))
        expect(messages.household.history.kinds).toHaveProperty(kind)
      for (const source of Object.keys(sources)) {
        expect(messages.household.history.sources).toHaveProperty(source)
      }
    }
  })

  it('read codes as words in the chosen language', () => {
    expect(valueLabel(indonesian, 'floor_material', 'tanah')).toBe('Tanah')
    expect(valueLabel(english, 'floor_material', 'tanah')).toBe('Earth')
    expect(valueLabel(indonesian, 'relation', 'kepala_keluarga')).toBe('Kepala keluarga')
    expect(valueLabel(english, 'relation', 'kepala_keluarga')).toBe('Head of family')
    expect(valueLabel(indonesian, 'sex', 'P')).toBe('Perempuan')
  })

  it('show a code the UI does not know yet as the code, not as a message key', () => {
    expect(valueLabel(indonesian, 'floor_material', 'kaca_tempered')).toBe('kaca_tempered')
  })

  it('write yes/no, dates and numbers the way the reader does', () => {
    expect(valueLabel(indonesian, 'has_motorcycle', true)).toBe('Ya')
    expect(valueLabel(english, 'has_car', false)).toBe('No')
    expect(valueLabel(indonesian, 'birth_date', '1975-05-12')).toBe('12 Mei 1975')
    expect(valueLabel(english, 'verified_at', '2025-11-15')).toBe('15 Nov 2025')
    expect(valueLabel(indonesian, 'floor_area_m2', 36.5)).toBe('36,5')
    expect(valueLabel(english, 'electricity_va', 1300)).toBe('1,300')
  })

  it('mark a value never recorded with a dash', () => {
    expect(valueLabel(indonesian, 'toilet', null)).toBe('—')
    expect(valueLabel(indonesian, 'occupation', '')).toBe('—')
  })
})

describe('attribute groups', () => {
  it('show every household attribute once, except the village that only a move changes', () => {
    const grouped = Object.values(householdGroups).flat()
    const expected = Object.keys(householdFields).filter((field) => field !== 'village_code')
    expect([...grouped].sort()).toEqual(expected.sort())
  })

  it('show every person attribute once', () => {
    const grouped = Object.values(personGroups).flat()
    expect([...grouped].sort()).toEqual(Object.keys(personFields).sort())
  })
})

describe('warnings', () => {
  const mismatch: RegisterWarning = {
    code: 'nik_sex_mismatch',
    message: {
      id: 'Jenis kelamin di NIK berbeda dengan yang dicatat.',
      en: 'The sex encoded in the NIK differs from the recorded sex.',
    },
  }

  it('speak the reader’s language', () => {
    expect(warningText(mismatch, 'id')).toBe(mismatch.message.id)
    expect(warningText(mismatch, 'en')).toBe(mismatch.message.en)
  })
})

describe('ageInYears', () => {
  const on = new Date(2026, 4, 12) // 12 May 2026

  it('counts whole years, a birthday today included', () => {
    expect(ageInYears('1975-05-12', on)).toBe(51)
    expect(ageInYears('1975-05-13', on)).toBe(50)
    expect(ageInYears('2026-01-01', on)).toBe(0)
  })

  it('knows no age without a birth date or for one in the future', () => {
    expect(ageInYears(null, on)).toBeNull()
    expect(ageInYears('2027-01-01', on)).toBeNull()
  })
})
