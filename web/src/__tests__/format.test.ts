import { describe, expect, it } from 'vitest'
import { formatBytes } from '@/format'

describe('file sizes', () => {
  it('read as a file manager shows them, in the reader’s number format', () => {
    expect(formatBytes(142, 'id')).toBe('142 B')
    expect(formatBytes(1536, 'id')).toBe('1,5 KB')
    expect(formatBytes(1536, 'en')).toBe('1.5 KB')
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB')
    expect(formatBytes(42 * 1024 * 1024, 'id')).toBe('42 MB')
  })
})
