import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { translatorIn } from '@/registerVocabulary'
import { refusalLines } from '../modules/refusal'

function refusal(fieldErrors: Record<string, string>, detail = 'Data tidak valid.'): ApiError {
  return new ApiError({
    status: 400,
    type: 'urn:sinergi:problem:validation-failed',
    code: 'HTTP-1001',
    detail,
    fieldErrors,
  })
}

describe('why a decision was refused', () => {
  it('names each complaint by the field’s label, not its payload path', () => {
    const error = refusal({ 'payload.member.nik': 'NIK 3302015206999904 sudah terdaftar.' })
    expect(refusalLines(translatorIn('id'), error)).toEqual([
      'NIK: NIK 3302015206999904 sudah terdaftar.',
    ])
  })

  it('keeps the path of a field the catalogue does not know', () => {
    const error = refusal({ person_id: 'The person has died meanwhile.' })
    expect(refusalLines(translatorIn('en'), error)).toEqual([
      'person_id: The person has died meanwhile.',
    ])
  })

  it('falls back to the problem’s own text', () => {
    expect(refusalLines(translatorIn('id'), refusal({}, 'Usulan sudah diputuskan.'))).toEqual([
      'Usulan sudah diputuskan.',
    ])
  })
})
