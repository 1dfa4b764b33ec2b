import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as authApi from '@/api/auth'
import { ApiError } from '@/api/http'
import type { Session, User } from '@/api/types'
import { useSessionStore } from '../session'

vi.mock('@/api/auth', () => ({
  currentSession: vi.fn(),
  login: vi.fn(),
  logout: vi.fn(),
}))

const admin: User = {
  id: 1,
  username: 'admin',
  full_name: 'Sekretariat TKPKD',
  agency_id: 1,
  agency_name: 'Bappeda',
  role: 'admin',
  active: true,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  last_login_at: null,
}
const staff: User = { ...admin, id: 2, username: 'staf.dinsos', role: 'agency_staff' }

function sessionOf(user: User): Session {
  return { user, csrf_token: `csrf-of-${user.username}` }
}

function problem(type: string, status: number): ApiError {
  return new ApiError({ status, type, code: 'HTTP-0000', detail: type })
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.mocked(authApi.currentSession).mockReset()
  vi.mocked(authApi.login).mockReset()
  vi.mocked(authApi.logout).mockReset()
})

describe('session store', () => {
  it('restores the user and CSRF token from the server on load', async () => {
    vi.mocked(authApi.currentSession).mockResolvedValue(sessionOf(admin))
    const session = useSessionStore()

    await session.restore()

    expect(session.isSignedIn).toBe(true)
    expect(session.user?.full_name).toBe('Sekretariat TKPKD')
    expect(session.csrfToken).toBe('csrf-of-admin')
    expect(session.restored).toBe(true)
  })

  it('asks the server only once, however many navigations wait for it', async () => {
    vi.mocked(authApi.currentSession).mockResolvedValue(sessionOf(admin))
    const session = useSessionStore()

    await Promise.all([session.restore(), session.restore()])
    await session.restore()

    expect(authApi.currentSession).toHaveBeenCalledTimes(1)
  })

  it('is signed out when the server knows no session', async () => {
    vi.mocked(authApi.currentSession).mockRejectedValue(
      problem('urn:sinergi:problem:unauthenticated', 401),
    )
    const session = useSessionStore()

    await session.restore()
    await session.restore()

    expect(session.isSignedIn).toBe(false)
    expect(authApi.currentSession).toHaveBeenCalledTimes(1)
  })

  it('asks again after the server could not be reached', async () => {
    vi.mocked(authApi.currentSession)
      .mockRejectedValueOnce(problem('urn:sinergi:problem:network-unreachable', 0))
      .mockResolvedValueOnce(sessionOf(admin))
    const session = useSessionStore()

    await session.restore()
    expect(session.isSignedIn).toBe(false)
    await session.restore()

    expect(session.isSignedIn).toBe(true)
  })

  it('keeps the new CSRF token after login', async () => {
    vi.mocked(authApi.login).mockResolvedValue(sessionOf(staff))
    const session = useSessionStore()

    await session.login('staf.dinsos', 'rahasia-sekali')

    expect(authApi.login).toHaveBeenCalledWith('staf.dinsos', 'rahasia-sekali')
    expect(session.user?.role).toBe('agency_staff')
    expect(session.csrfToken).toBe('csrf-of-staf.dinsos')
  })

  it('forgets the user on logout even when the server call fails', async () => {
    vi.mocked(authApi.login).mockResolvedValue(sessionOf(admin))
    vi.mocked(authApi.logout).mockRejectedValue(problem('urn:sinergi:problem:internal', 500))
    const session = useSessionStore()
    await session.login('admin', 'rahasia-sekali')

    await expect(session.logout()).rejects.toBeInstanceOf(ApiError)

    expect(session.user).toBeNull()
    expect(session.csrfToken).toBeNull()
  })

  it('answers what the signed-in role may do', async () => {
    vi.mocked(authApi.login).mockResolvedValue(sessionOf(staff))
    const session = useSessionStore()
    expect(session.can('regions.read')).toBe(false)

    await session.login('staf.dinsos', 'rahasia-sekali')

    expect(session.can('regions.read')).toBe(true)
    expect(session.can('users.read')).toBe(false)
    expect(session.can('audit.read')).toBe(false)
  })
})
