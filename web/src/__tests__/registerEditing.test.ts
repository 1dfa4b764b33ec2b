import { describe, expect, it } from 'vitest'
import { householdFields, personFields, reasonIsEnough } from '@/api/registry'
import { changedFields, missingRequired, storedForm } from '@/registerEditing'

const specs = [
  householdFields.floor_material,
  householdFields.address,
  householdFields.electricity_va,
  householdFields.has_car,
  householdFields.verified_at,
]

const loaded = {
  floor_material: 'tanah',
  address: 'Jl. Raya Cirahab No. 5',
  electricity_va: 450,
  has_car: false,
  verified_at: '2025-11-15',
}

describe('changedFields', () => {
  it('is empty when nothing was touched', () => {
    expect(changedFields(specs, loaded, { ...loaded })).toEqual({})
  })

  it('holds only the fields that were changed', () => {
    const draft = { ...loaded, floor_material: 'semen_bata', electricity_va: 900 }
    expect(changedFields(specs, loaded, draft)).toEqual({
      floor_material: 'semen_bata',
      electricity_va: 900,
    })
  })

  it('ignores spaces typed around unchanged text, and sends changed text trimmed', () => {
    expect(
      changedFields(specs, loaded, { ...loaded, address: ' Jl. Raya Cirahab No. 5 ' }),
    ).toEqual({})
    expect(changedFields(specs, loaded, { ...loaded, address: ' Jl. Baru 1 ' })).toEqual({
      address: 'Jl. Baru 1',
    })
  })

  it('sends an emptied field as null, so that the record says "not recorded"', () => {
    const draft = { ...loaded, address: '', verified_at: '', has_car: null }
    expect(changedFields(specs, loaded, draft)).toEqual({
      address: null,
      verified_at: null,
      has_car: null,
    })
  })

  it('tells "no" from "not recorded"', () => {
    expect(changedFields(specs, { ...loaded, has_car: null }, loaded)).toEqual({ has_car: false })
  })
})

describe('storedForm', () => {
  it('keeps a NIK as typed but trimmed', () => {
    expect(storedForm(personFields.nik, ' 3302011205750001 ')).toBe('3302011205750001')
  })
})

describe('reasonIsEnough', () => {
  it('asks for at least three characters besides spaces, as the server does', () => {
    expect(reasonIsEnough('  ab ')).toBe(false)
    expect(reasonIsEnough('Verval')).toBe(true)
  })
})

describe('missingRequired', () => {
  it('names the required fields left empty, blank text included', () => {
    const specs = [personFields.name, personFields.sex, personFields.relation, personFields.nik]
    expect(missingRequired(specs, { name: '  ', sex: 'P' })).toEqual(['name', 'relation'])
    expect(missingRequired(specs, { name: 'Putri', sex: 'P', relation: 'cucu' })).toEqual([])
  })
})
