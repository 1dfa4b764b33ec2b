import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { asFormRefusal, fieldsUnder } from '../useProposal'

function refusal(fieldErrors: Record<string, string>): ApiError {
  return new ApiError({
    status: 400,
    type: 'urn:sinergi:problem:validation-failed',
    code: 'HTTP-1001',
    detail: 'Data tidak valid.',
    fieldErrors,
  })
}

describe('the server’s complaints about a proposal, put back under the form’s fields', () => {
  it('drops the payload path before the field name', () => {
    const mapped = asFormRefusal(
      refusal({ 'payload.member.nik': 'NIK harus 16 digit angka.', reason: 'Alasan wajib.' }),
      fieldsUnder('payload.member'),
    )
    expect(mapped.fieldErrors).toEqual({
      nik: 'NIK harus 16 digit angka.',
      reason: 'Alasan wajib.',
    })
    expect(mapped.detail).toBe('Data tidak valid.')
    expect(mapped.type).toBe('urn:sinergi:problem:validation-failed')
  })

  it('renames whole paths the form shows under another field', () => {
    const mapped = asFormRefusal(
      refusal({ 'payload.date': 'Tanggal tidak boleh di masa depan.' }),
      fieldsUnder('payload', { 'payload.date': 'life_status_date' }),
    )
    expect(mapped.fieldErrors).toEqual({ life_status_date: 'Tanggal tidak boleh di masa depan.' })
  })

  it('joins several complaints that land under one field', () => {
    const mapped = asFormRefusal(
      refusal({ 'payload.member.nik': 'NIK tidak valid.', nik: 'NIK sudah terdaftar.' }),
      fieldsUnder('payload.member'),
    )
    expect(mapped.fieldErrors).toEqual({ nik: 'NIK tidak valid. NIK sudah terdaftar.' })
  })

  it('leaves complaints about other parts where they are', () => {
    const mapped = asFormRefusal(
      refusal({ 'attachments[0]': 'Berkas harus PDF, JPEG atau PNG.' }),
      fieldsUnder('payload.changes'),
    )
    expect(mapped.fieldErrors).toEqual({ 'attachments[0]': 'Berkas harus PDF, JPEG atau PNG.' })
  })
})
