import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  configureHttp,
  download,
  filenameFromDisposition,
  http,
  request,
  upload,
  type UploadProgress,
} from '../http'

interface Recorded {
  url: string
  init: RequestInit
}

let calls: Recorded[] = []
let onUnauthenticated = vi.fn()

function respondWith(response: Response | Error): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      if (response instanceof Error) throw response
      return response.clone()
    }),
  )
}

function problem(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
}

function headersOf(call: Recorded | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('the request was expected to fail')
}

const validationProblem = {
  type: 'urn:sinergi:problem:validation-failed',
  title: 'Validation failed',
  status: 400,
  detail: 'Data tidak valid.',
  code: 'HTTP-1001',
  message: { id: 'Data tidak valid.', en: 'The data is not valid.' },
  instance: '/api/v1/users',
  errors: [
    {
      field: 'password',
      code: 'IDN-1102',
      message: {
        id: 'Kata sandi minimal 10 karakter.',
        en: 'Password needs at least 10 characters.',
      },
    },
    {
      field: 'password',
      code: 'IDN-1103',
      message: { id: 'Kata sandi memuat nama pengguna.', en: 'Password contains the username.' },
    },
    {
      field: 'username',
      code: 'IDN-1101',
      message: { id: 'Nama pengguna tidak valid.', en: 'Username is not valid.' },
    },
  ],
}

beforeEach(() => {
  calls = []
  onUnauthenticated = vi.fn()
  configureHttp({ language: () => 'id', csrfToken: () => 'csrf-123', onUnauthenticated })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('request headers', () => {
  it('sends the chosen language as Accept-Language and the session cookie', async () => {
    configureHttp({ language: () => 'en' })
    respondWith(Response.json({ items: [], total: 0, next: null }))

    await http.get('/api/v1/users')

    expect(headersOf(calls[0])['Accept-Language']).toBe('en')
    expect(calls[0]?.init.credentials).toBe('same-origin')
  })

  it('adds the CSRF token to state-changing requests only', async () => {
    respondWith(Response.json({ id: 1 }))
    await http.post('/api/v1/users', { username: 'budi' })
    await http.get('/api/v1/users')

    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('csrf-123')
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json')
    expect(calls[0]?.init.body).toBe('{"username":"budi"}')
    expect(headersOf(calls[1])).not.toHaveProperty('X-CSRF-Token')
  })

  it('sends no CSRF header before anyone has signed in', async () => {
    configureHttp({ csrfToken: () => null })
    respondWith(Response.json({ user: {}, csrf_token: 'new' }))

    await http.post('/api/v1/auth/login', { username: 'admin', password: 'x' })

    expect(headersOf(calls[0])).not.toHaveProperty('X-CSRF-Token')
  })

  it('sends the extra headers of a change, such as If-Match, beside its own', async () => {
    respondWith(Response.json({ id: 7, version: 4 }))

    await http.patch('/api/v1/households/7', { reason: 'Verval' }, { 'If-Match': '"3"' })

    expect(calls[0]?.init.method).toBe('PATCH')
    expect(headersOf(calls[0])['If-Match']).toBe('"3"')
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('csrf-123')
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json')
  })

  it('leaves empty filters out of the query string', async () => {
    respondWith(Response.json({ items: [], total: 0, next: null }))

    await http.get('/api/v1/users', {
      q: '',
      role: 'admin',
      agency_id: null,
      active: false,
      cursor: undefined,
    })

    expect(calls[0]?.url).toBe('/api/v1/users?role=admin&active=false')
  })
})

describe('successful responses', () => {
  it('returns the parsed body', async () => {
    respondWith(Response.json({ status: 'ok', version: '0.1.0' }))
    await expect(http.get('/api/v1/health')).resolves.toEqual({ status: 'ok', version: '0.1.0' })
  })

  it('returns nothing for 204 No Content', async () => {
    respondWith(new Response(null, { status: 204 }))
    await expect(http.post('/api/v1/auth/logout')).resolves.toBeUndefined()
  })
})

describe('problem+json becomes ApiError', () => {
  it('keeps status, type, code and the server detail', async () => {
    respondWith(problem(400, validationProblem))

    const error = await failureOf(http.post('/api/v1/users', {}))

    expect(error.status).toBe(400)
    expect(error.type).toBe('urn:sinergi:problem:validation-failed')
    expect(error.code).toBe('HTTP-1001')
    expect(error.detail).toBe('Data tidak valid.')
  })

  it('maps field errors in Indonesian, joining several rules of one field', async () => {
    respondWith(problem(400, validationProblem))

    const error = await failureOf(http.post('/api/v1/users', {}))

    expect(error.fieldErrors).toEqual({
      password: 'Kata sandi minimal 10 karakter. Kata sandi memuat nama pengguna.',
      username: 'Nama pengguna tidak valid.',
    })
    expect(error.hasFieldErrors()).toBe(true)
  })

  it('maps field errors in English when the user chose English', async () => {
    configureHttp({ language: () => 'en' })
    respondWith(problem(400, validationProblem))

    const error = await failureOf(http.post('/api/v1/users', {}))

    expect(error.fieldErrors.password).toBe(
      'Password needs at least 10 characters. Password contains the username.',
    )
  })

  it('carries the position of malformed JSON', async () => {
    respondWith(
      problem(400, {
        type: 'urn:sinergi:problem:malformed-json',
        title: 'Malformed JSON',
        status: 400,
        detail: 'JSON tidak valid pada baris 1 kolom 18.',
        code: 'HTTP-1002',
        position: { offset: 17, line: 1, column: 18 },
      }),
    )

    const error = await failureOf(http.post('/api/v1/users', {}))

    expect(error.position).toEqual({ offset: 17, line: 1, column: 18 })
    expect(error.hasFieldErrors()).toBe(false)
  })

  it('tells how long to wait after too many failed logins', async () => {
    respondWith(
      problem(
        429,
        {
          type: 'urn:sinergi:problem:too-many-login-attempts',
          title: 'Too many login attempts',
          status: 429,
          detail: 'Terlalu banyak percobaan masuk.',
          code: 'IDN-1201',
          retry_after_seconds: 900,
        },
        { 'Retry-After': '900' },
      ),
    )

    const error = await failureOf(http.post('/api/v1/auth/login', {}))

    expect(error.status).toBe(429)
    expect(error.retryAfterSeconds).toBe(900)
  })

  it('falls back to the message in the chosen language when detail is missing', async () => {
    configureHttp({ language: () => 'en' })
    respondWith(
      problem(409, {
        type: 'urn:sinergi:problem:username-taken',
        status: 409,
        code: 'IDN-1104',
        message: { id: 'Nama pengguna sudah dipakai.', en: 'The username is taken.' },
      }),
    )

    const error = await failureOf(http.post('/api/v1/users', {}))

    expect(error.detail).toBe('The username is taken.')
  })
})

describe('failures that are not problem+json', () => {
  it('explains an unreachable server in the chosen language', async () => {
    respondWith(new TypeError('Failed to fetch'))

    const error = await failureOf(http.get('/api/v1/users'))

    expect(error.status).toBe(0)
    expect(error.detail).toBe('Tidak dapat menghubungi server. Periksa koneksi, lalu coba lagi.')
  })

  it('names the HTTP status of an answer it cannot read', async () => {
    configureHttp({ language: () => 'en' })
    respondWith(
      new Response('<html>Bad Gateway</html>', {
        status: 502,
        headers: { 'Content-Type': 'text/html' },
      }),
    )

    const error = await failureOf(http.get('/api/v1/users'))

    expect(error.status).toBe(502)
    expect(error.detail).toBe('The server gave an unexpected answer (HTTP 502).')
  })
})

describe('a lost session', () => {
  const unauthenticated = {
    type: 'urn:sinergi:problem:unauthenticated',
    title: 'Unauthenticated',
    status: 401,
    detail: 'Silakan masuk terlebih dahulu.',
    code: 'HTTP-1401',
  }

  it('sends the user to login', async () => {
    respondWith(problem(401, unauthenticated))

    await failureOf(http.get('/api/v1/users'))

    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('is not a lost session when the password was wrong', async () => {
    respondWith(
      problem(401, {
        ...unauthenticated,
        type: 'urn:sinergi:problem:invalid-credentials',
        detail: 'Nama pengguna atau kata sandi salah.',
      }),
    )

    const error = await failureOf(http.post('/api/v1/auth/login', {}))

    expect(error.detail).toBe('Nama pengguna atau kata sandi salah.')
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('stays quiet while probing whether anyone is signed in', async () => {
    respondWith(problem(401, unauthenticated))

    await failureOf(request('GET', '/api/v1/auth/me', { quietWhenUnauthenticated: true }))

    expect(onUnauthenticated).not.toHaveBeenCalled()
  })
})

describe('downloads', () => {
  it('take the file name the server gives', () => {
    expect(filenameFromDisposition('attachment; filename="register-20261123-101500.csv"')).toBe(
      'register-20261123-101500.csv',
    )
    expect(filenameFromDisposition("attachment; filename*=UTF-8''laporan%20impor.csv")).toBe(
      'laporan impor.csv',
    )
    expect(filenameFromDisposition('attachment; filename=plain.xlsx')).toBe('plain.xlsx')
    expect(filenameFromDisposition('attachment')).toBeNull()
    expect(filenameFromDisposition(null)).toBeNull()
  })

  it('send JSON with the CSRF token and hand back the bytes with their name and headers', async () => {
    respondWith(
      new Response('no_kk,nik\n', {
        status: 200,
        headers: {
          'Content-Type': 'text/csv',
          'Content-Disposition': 'attachment; filename="register-20261123-101500.csv"',
          'X-Export-Households': '3',
        },
      }),
    )

    const file = await download('POST', '/api/v1/registry/exports', { body: { format: 'csv' } })

    expect(await file.blob.text()).toBe('no_kk,nik\n')
    expect(file.filename).toBe('register-20261123-101500.csv')
    expect(file.headers.get('X-Export-Households')).toBe('3')
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('csrf-123')
    expect(calls[0]?.init.body).toBe('{"format":"csv"}')
  })

  it("fail as ApiError in the user's language", async () => {
    respondWith(problem(400, validationProblem))

    const error = await failureOf(download('POST', '/api/v1/registry/exports', { body: {} }))

    expect(error.fieldErrors.password).toContain('Kata sandi minimal 10 karakter.')
  })
})

/** Stands in for the browser's XMLHttpRequest: records the request, answers as told. */
class FakeXhr {
  static last: FakeXhr | null = null
  static answer: { status: number; body: string; headers: string } = {
    status: 202,
    body: '{}',
    headers: '',
  }

  method = ''
  url = ''
  withCredentials = false
  headers: Record<string, string> = {}
  sent: unknown = null
  status = 0
  responseText = ''
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null

  constructor() {
    FakeXhr.last = this
  }

  open(method: string, url: string): void {
    this.method = method
    this.url = url
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value
  }

  getAllResponseHeaders(): string {
    return FakeXhr.answer.headers
  }

  send(body: unknown): void {
    this.sent = body
    const size = body instanceof Blob ? body.size : 0
    this.upload.onprogress?.({ lengthComputable: true, loaded: size / 2, total: size } as never)
    this.upload.onprogress?.({ lengthComputable: true, loaded: size, total: size } as never)
    this.status = FakeXhr.answer.status
    this.responseText = FakeXhr.answer.body
    this.onload?.()
  }
}

describe('uploads', () => {
  beforeEach(() => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
  })

  it('send the file itself with its type, the CSRF token and the query, and report progress', async () => {
    FakeXhr.answer = {
      status: 202,
      body: '{"id":4,"status":"queued"}',
      headers: 'content-type: application/json\r\nlocation: /api/v1/registry/imports/4\r\n',
    }
    const file = new File(['no_kk,nik\n'], 'desa.csv', { type: 'text/csv' })
    const progress: UploadProgress[] = []

    const job = await upload('/api/v1/registry/imports', file, {
      query: { partial: true, filename: 'desa.csv' },
      onProgress: (sent) => progress.push(sent),
    })

    expect(job).toEqual({ id: 4, status: 'queued' })
    const xhr = FakeXhr.last!
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/v1/registry/imports?partial=true&filename=desa.csv')
    expect(xhr.sent).toBe(file)
    expect(xhr.headers['Content-Type']).toBe('text/csv')
    expect(xhr.headers['X-CSRF-Token']).toBe('csrf-123')
    expect(xhr.headers['Accept-Language']).toBe('id')
    expect(progress).toEqual([
      { loaded: 5, total: 10 },
      { loaded: 10, total: 10 },
    ])
  })

  it('send a file of no known type as plain bytes', async () => {
    FakeXhr.answer = { status: 202, body: '{}', headers: 'content-type: application/json' }
    await upload('/api/v1/registry/imports', new Blob(['x']))
    expect(FakeXhr.last!.headers['Content-Type']).toBe('application/octet-stream')
  })

  it('turn a refusal into ApiError, as any other request', async () => {
    FakeXhr.answer = {
      status: 413,
      body: JSON.stringify({
        type: 'urn:sinergi:problem:payload-too-large',
        title: 'Payload too large',
        status: 413,
        detail: 'Berkas terlalu besar.',
        code: 'HTTP-1413',
      }),
      headers: 'content-type: application/problem+json',
    }

    const error = await failureOf(upload('/api/v1/registry/imports', new Blob(['x'])))

    expect(error.status).toBe(413)
    expect(error.detail).toBe('Berkas terlalu besar.')
  })

  it('say so when the server cannot be reached', async () => {
    class UnreachableXhr extends FakeXhr {
      override send(): void {
        this.onerror?.()
      }
    }
    vi.stubGlobal('XMLHttpRequest', UnreachableXhr)

    const error = await failureOf(upload('/api/v1/registry/imports', new Blob(['x'])))

    expect(error.type).toBe('urn:sinergi:problem:network-unreachable')
  })
})
