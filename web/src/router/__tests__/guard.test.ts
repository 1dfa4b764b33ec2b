import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, type RouteMeta } from 'vue-router'
import type { Action } from '@/access'
import { decideNavigation, safeRedirect, type SessionView } from '../guard'
import { createAppRouter, installGuard } from '..'

function target(name: string, fullPath: string, meta: RouteMeta = {}, query = {}) {
  return { name, fullPath, meta, query }
}

const signedOut: SessionView = { isSignedIn: false, can: () => false }

function signedInAs(allowed: Action[]): SessionView {
  return { isSignedIn: true, can: (action) => allowed.includes(action) }
}

describe('decideNavigation', () => {
  it('sends a signed-out visitor to login and remembers where they were going', () => {
    expect(
      decideNavigation(target('users', '/users?q=budi', { permission: 'users.read' }), signedOut),
    ).toEqual({
      name: 'login',
      query: { redirect: '/users?q=budi' },
    })
  })

  it('sends a signed-out visitor of the home page to a plain login', () => {
    expect(decideNavigation(target('home', '/'), signedOut)).toEqual({ name: 'login' })
  })

  it('lets anyone open the login page', () => {
    expect(decideNavigation(target('login', '/login', { public: true }), signedOut)).toBe(true)
  })

  it('takes a signed-in user away from the login page to where they were going', () => {
    const session = signedInAs([])
    expect(decideNavigation(target('login', '/login', { public: true }), session)).toEqual({
      name: 'home',
    })
    expect(
      decideNavigation(
        target('login', '/login', { public: true }, { redirect: '/regions/33' }),
        session,
      ),
    ).toBe('/regions/33')
  })

  it('keeps a role out of a page it may not use', () => {
    expect(
      decideNavigation(
        target('audit', '/audit', { permission: 'audit.read' }),
        signedInAs(['users.read']),
      ),
    ).toEqual({
      name: 'home',
      query: { denied: '/audit' },
    })
  })

  it('lets a role into a page it may use', () => {
    expect(
      decideNavigation(
        target('audit', '/audit', { permission: 'audit.read' }),
        signedInAs(['audit.read']),
      ),
    ).toBe(true)
  })
})

describe('safeRedirect', () => {
  it('accepts paths inside the app', () => {
    expect(safeRedirect('/users?role=admin')).toBe('/users?role=admin')
  })

  it('refuses anything that could leave the app', () => {
    expect(safeRedirect('https://example.org/')).toBeNull()
    expect(safeRedirect('//example.org/')).toBeNull()
    expect(safeRedirect('/\\example.org')).toBeNull()
    expect(safeRedirect(['/users'])).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
  })
})

describe('the installed guard', () => {
  async function routerWith(session: SessionView & { restore: () => Promise<void> }) {
    const router = createAppRouter(createMemoryHistory())
    installGuard(router, session)
    await router.push('/users')
    return router
  }

  it('waits for the session to be restored before deciding', async () => {
    const session = {
      isSignedIn: false,
      can: (action: Action) => action === 'users.read',
      restore: vi.fn(async () => {
        session.isSignedIn = true
      }),
    }

    const router = await routerWith(session)

    expect(session.restore).toHaveBeenCalled()
    expect(router.currentRoute.value.name).toBe('users')
  })

  it('keeps a role without the register out of a household’s page, by its parent route', async () => {
    const router = createAppRouter(createMemoryHistory())
    installGuard(router, {
      isSignedIn: true,
      can: (action: Action) => action !== 'registry.read',
      restore: async () => {},
    })

    await router.push('/registry/households/12')

    expect(router.currentRoute.value.name).toBe('home')
    expect(router.currentRoute.value.query.denied).toBe('/registry/households/12')
  })

  it('opens a household’s page for a role that may read the register', async () => {
    const router = createAppRouter(createMemoryHistory())
    installGuard(router, {
      isSignedIn: true,
      can: (action: Action) => action === 'registry.read',
      restore: async () => {},
    })

    await router.push('/registry/households/12')

    expect(router.currentRoute.value.name).toBe('household')
    expect(router.currentRoute.value.params.id).toBe('12')
  })

  it('keeps a change request’s page for those who propose or decide, by its parent route', async () => {
    const router = createAppRouter(createMemoryHistory())
    installGuard(router, {
      isSignedIn: true,
      can: (action: Action) => action === 'registry.figures',
      restore: async () => {},
    })

    await router.push('/change-requests/5')
    expect(router.currentRoute.value.query.denied).toBe('/change-requests/5')

    await router.push('/data-currency')
    expect(router.currentRoute.value.name).toBe('currency')
  })

  it('lands a signed-out visitor on the login page', async () => {
    const router = await routerWith({ ...signedOut, restore: async () => {} })

    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/users')
  })
})
