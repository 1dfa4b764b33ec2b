import { describe, expect, it } from 'vitest'
import { importContentType } from '../registerFiles'

describe('an uploaded register file', () => {
  it('is sent as CSV or XLSX by its name, whatever the browser calls it', () => {
    expect(importContentType('register desa.CSV')).toBe('text/csv')
    expect(importContentType('register.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(importContentType('register')).toBe('application/octet-stream')
  })
})
