import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import type { Action } from '@/access'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in (the login page). */
    public?: boolean
    /** The policy action a role needs to open the page; hidden from the menu otherwise. */
    permission?: Action
  }
}

export interface SessionView {
  isSignedIn: boolean
  can: (action: Action) => boolean
}

type Target = Pick<RouteLocationNormalized, 'name' | 'fullPath' | 'meta' | 'query'>

/** Where a navigation to `to` may go: `true` to proceed, or where to send the user instead. */
export function decideNavigation(to: Target, session: SessionView): true | RouteLocationRaw {
  if (to.meta.public) {
    if (session.isSignedIn && to.name === 'login') {
      return safeRedirect(to.query.redirect) ?? { name: 'home' }
    }
    return true
  }
  if (!session.isSignedIn) {
    return to.fullPath === '/'
      ? { name: 'login' }
      : { name: 'login', query: { redirect: to.fullPath } }
  }
  if (to.meta.permission && !session.can(to.meta.permission)) {
    return { name: 'home', query: { denied: to.fullPath } }
  }
  return true
}

/** Only paths inside this app: a crafted link must not send a user elsewhere after login. */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string') return null
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null
  return value
}
