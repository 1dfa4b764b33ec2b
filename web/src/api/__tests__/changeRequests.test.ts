import { describe, expect, it } from 'vitest'
import {
  attachmentProblem,
  largestAttachmentBytes,
  toBase64,
  toNewAttachment,
} from '../changeRequests'

describe('a supporting document', () => {
  it('is a PDF, JPEG or PNG of at most 5 MiB, and not empty', () => {
    expect(attachmentProblem({ type: 'application/pdf', size: 1200 })).toBeNull()
    expect(attachmentProblem({ type: 'image/jpeg', size: largestAttachmentBytes })).toBeNull()
    expect(attachmentProblem({ type: 'image/png', size: largestAttachmentBytes + 1 })).toBe('size')
    expect(attachmentProblem({ type: 'application/msword', size: 1200 })).toBe('type')
    expect(attachmentProblem({ type: 'image/png', size: 0 })).toBe('empty')
  })

  it('travels as standard base64 of its bytes', async () => {
    const file = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0x00])], 'akta.pdf', {
      type: 'application/pdf',
    })
    expect(await toNewAttachment(file)).toEqual({
      filename: 'akta.pdf',
      content_type: 'application/pdf',
      data_base64: 'JVBERv8A',
    })
  })

  it('encodes files larger than one slice the same as a whole', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => index % 251)
    expect(toBase64(bytes.buffer)).toBe(Buffer.from(bytes).toString('base64'))
  })
})
