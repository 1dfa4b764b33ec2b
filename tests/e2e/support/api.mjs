// Talks to the Sinergi API directly, the way another system would, to set up what a journey needs
// (e.g. households in the register) or to change a record behind the browser's back.
import { demoPassword } from './server.mjs'

/** A signed-in API session for `username` (a demo account) on the server at `baseUrl`. */
export async function apiSession(baseUrl, username, password = demoPassword) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!login.ok) throw new Error(`${username} could not sign in: ${await login.text()}`)
  const { csrf_token: csrfToken } = await login.json()
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ')

  async function send(method, path, { body, headers = {} } = {}) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Cookie: cookie,
        Accept: 'application/json',
        ...(method === 'GET' ? {} : { 'X-CSRF-Token': csrfToken }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    const json = text ? JSON.parse(text) : undefined
    if (!response.ok) {
      throw new Error(`${method} ${path} as ${username} answered ${response.status}: ${text}`)
    }
    return json
  }

  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, { body }),
    patch: (path, body, headers) => send('PATCH', path, { body, headers }),
  }
}

/** Records a household with its members in the register (as a registry operator would). */
export function createHousehold(session, { reason = 'Pendataan awal', household, members }) {
  return session.post('/api/v1/households', { reason, household, members })
}
