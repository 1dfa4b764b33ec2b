// The one door to the Sinergi API. It sends the session cookie, the user's language and the
// CSRF token, and turns every failure into an ApiError so that pages never look at statuses.
import en from '@/locales/en'
import id from '@/locales/id'
import type { Language } from '@/locales'

export interface SourcePosition {
  offset: number
  line: number
  column: number
}

export interface ApiErrorInit {
  status: number
  type: string
  code: string
  detail: string
  fieldErrors?: Record<string, string>
  position?: SourcePosition
  retryAfterSeconds?: number
}

/** A request that did not succeed, with the server's message already in the user's language. */
export class ApiError extends Error {
  readonly status: number
  readonly type: string
  readonly code: string
  readonly detail: string
  readonly fieldErrors: Record<string, string>
  readonly position?: SourcePosition
  readonly retryAfterSeconds?: number

  constructor(init: ApiErrorInit) {
    super(init.detail)
    this.name = 'ApiError'
    this.status = init.status
    this.type = init.type
    this.code = init.code
    this.detail = init.detail
    this.fieldErrors = init.fieldErrors ?? {}
    this.position = init.position
    this.retryAfterSeconds = init.retryAfterSeconds
  }

  hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).length > 0
  }
}

export const problemTypes = {
  unauthenticated: 'urn:sinergi:problem:unauthenticated',
  invalidCredentials: 'urn:sinergi:problem:invalid-credentials',
  validationFailed: 'urn:sinergi:problem:validation-failed',
  network: 'urn:sinergi:problem:network-unreachable',
} as const

export interface HttpHooks {
  language: () => Language
  csrfToken: () => string | null
  /** Called when the session is gone (expired, ended elsewhere): the app sends the user to login. */
  onUnauthenticated: () => void
}

const hooks: HttpHooks = {
  language: () => 'id',
  csrfToken: () => null,
  onUnauthenticated: () => {},
}

export function configureHttp(overrides: Partial<HttpHooks>): void {
  Object.assign(hooks, overrides)
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Extra headers, such as If-Match with the version a change is based on. */
  headers?: Record<string, string>
  /** For probing the session on start-up: a 401 then means "signed out", not "session lost". */
  quietWhenUnauthenticated?: boolean
}

const localMessages = { id, en }
const stateChangingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The headers every request carries: language, JSON accepted, and the CSRF token when it changes state. */
function commonHeaders(
  method: string,
  language: Language,
  extra: Record<string, string> = {},
): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language,
    ...extra,
  }
  const csrfToken = hooks.csrfToken()
  if (csrfToken && stateChangingMethods.has(method.toUpperCase())) {
    headers['X-CSRF-Token'] = csrfToken
  }
  return headers
}

function networkFailure(language: Language): ApiError {
  return new ApiError({
    status: 0,
    type: problemTypes.network,
    code: 'WEB-0001',
    detail: localMessages[language].errors.network,
  })
}

/** The ApiError of a failed response; a lost session also tells the app (unless asked not to). */
async function failureOf(
  response: Response,
  language: Language,
  quietWhenUnauthenticated = false,
): Promise<ApiError> {
  const error = await toApiError(response, language)
  if (error.type === problemTypes.unauthenticated && !quietWhenUnauthenticated) {
    hooks.onUnauthenticated()
  }
  return error
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const language = hooks.language()
  const headers = commonHeaders(method, language, options.headers)
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'

  let response: Response
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
  } catch {
    throw networkFailure(language)
  }
  if (!response.ok) throw await failureOf(response, language, options.quietWhenUnauthenticated)
  return response
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(method, path, options)
  if (response.status === 204) return undefined as T
  return (await readJson(response, hooks.language())) as T
}

/** A file the server sent as a download, with the name it gave it. */
export interface DownloadedFile {
  blob: Blob
  /** From Content-Disposition; null when the server named none. */
  filename: string | null
  headers: Headers
}

/** The file name a Content-Disposition header gives (`filename*=UTF-8''…` preferred), else null. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // A malformed escape: fall back to the plain name below.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(header)
  const name = plain?.[1] ?? plain?.[2]
  return name ? name : null
}

/** Fetches a file (an export, a report, an attachment) instead of JSON; failures as ApiError. */
export async function download(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<DownloadedFile> {
  // A file of any type is welcome; a refusal still comes as problem+json.
  const response = await send(method, path, {
    ...options,
    headers: { Accept: '*/*', ...options.headers },
  })
  return {
    blob: await response.blob(),
    filename: filenameFromDisposition(response.headers.get('Content-Disposition')),
    headers: response.headers,
  }
}

/** How much of an upload has reached the server. */
export interface UploadProgress {
  loaded: number
  total: number
}

/**
 * Sends `file` as the raw request body and reads the JSON answer. Uses XMLHttpRequest because
 * fetch cannot report how much of a body has been sent, and large register files take a while.
 */
export function upload<T>(
  path: string,
  file: Blob,
  options: {
    query?: Query
    /** The body's type; the file's own (else plain bytes) unless given. */
    contentType?: string
    onProgress?: (progress: UploadProgress) => void
  } = {},
): Promise<T> {
  const language = hooks.language()
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', withQuery(path, options.query))
    xhr.withCredentials = true
    const headers = commonHeaders('POST', language, {
      'Content-Type': options.contentType ?? (file.type || 'application/octet-stream'),
    })
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.({ loaded: event.loaded, total: event.total })
    }
    xhr.onerror = () => reject(networkFailure(language))
    xhr.onload = () => {
      // The same path as fetch's answers, so that problems read exactly as elsewhere.
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: parseResponseHeaders(xhr.getAllResponseHeaders()),
      })
      if (response.ok) {
        readJson(response, language).then((body) => resolve(body as T), reject)
      } else {
        failureOf(response, language).then(reject, reject)
      }
    }
    xhr.send(file)
  })
}

function parseResponseHeaders(raw: string): Headers {
  const headers = new Headers()
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const separator = line.indexOf(':')
    if (separator > 0)
      headers.append(line.slice(0, separator).trim(), line.slice(separator + 1).trim())
  }
  return headers
}

export const http = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
    request<T>('PATCH', path, { body, headers }),
}

async function readJson(response: Response, language: Language): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError({
      status: response.status,
      type: 'about:blank',
      code: 'WEB-0002',
      detail: localMessages[language].errors.unexpected.replace(
        '{status}',
        String(response.status),
      ),
    })
  }
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const encoded = params.toString()
  return encoded ? `${path}?${encoded}` : path
}

interface LocalisedText {
  id?: string
  en?: string
}

interface ProblemBody {
  type?: string
  title?: string
  status?: number
  detail?: string
  code?: string
  message?: LocalisedText
  errors?: { field?: string; code?: string; message?: LocalisedText | string }[]
  position?: SourcePosition
  retry_after_seconds?: number
}

async function toApiError(response: Response, language: Language): Promise<ApiError> {
  const problem = await readProblem(response)
  const unexpected = localMessages[language].errors.unexpected.replace(
    '{status}',
    String(response.status),
  )
  if (!problem) {
    return new ApiError({
      status: response.status,
      type: 'about:blank',
      code: `HTTP-${response.status}`,
      detail: unexpected,
    })
  }
  const retryAfterHeader = Number(response.headers.get('Retry-After'))
  return new ApiError({
    status: problem.status ?? response.status,
    type: problem.type ?? 'about:blank',
    code: problem.code ?? `HTTP-${response.status}`,
    detail: problem.detail || pick(problem.message, language) || problem.title || unexpected,
    fieldErrors: fieldErrorsOf(problem, language),
    position: problem.position,
    retryAfterSeconds:
      problem.retry_after_seconds ??
      (Number.isFinite(retryAfterHeader) && retryAfterHeader > 0 ? retryAfterHeader : undefined),
  })
}

async function readProblem(response: Response): Promise<ProblemBody | null> {
  const contentType = response.headers.get('Content-Type') ?? ''
  if (!/application\/(problem\+)?json/i.test(contentType)) return null
  try {
    const body: unknown = await response.json()
    return typeof body === 'object' && body !== null ? (body as ProblemBody) : null
  } catch {
    return null
  }
}

function fieldErrorsOf(problem: ProblemBody, language: Language): Record<string, string> {
  const result: Record<string, string> = {}
  for (const entry of problem.errors ?? []) {
    if (!entry.field) continue
    const text =
      (typeof entry.message === 'string' ? entry.message : pick(entry.message, language)) ||
      entry.code ||
      ''
    // One field can break several rules; show them all under it.
    result[entry.field] = result[entry.field] ? `${result[entry.field]} ${text}` : text
  }
  return result
}

function pick(text: LocalisedText | undefined, language: Language): string | undefined {
  if (!text) return undefined
  return text[language] ?? text.id ?? text.en
}
