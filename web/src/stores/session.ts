import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import { ApiError, problemTypes } from '@/api/http'
import type { Session, User } from '@/api/types'
import { roleCan, type Action } from '@/access'

/** Who is signed in on this tab, and the CSRF token their state-changing requests must carry. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const csrfToken = ref<string | null>(null)
  const restored = ref(false)
  let restoring: Promise<void> | null = null

  const isSignedIn = computed(() => user.value !== null)

  function can(action: Action): boolean {
    return user.value !== null && roleCan(user.value.role, action)
  }

  function apply(session: Session): void {
    user.value = session.user
    csrfToken.value = session.csrf_token ?? null
  }

  function clear(): void {
    user.value = null
    csrfToken.value = null
  }

  /** Asks the server once whether the session cookie still signs someone in. */
  function restore(): Promise<void> {
    restoring ??= authApi
      .currentSession()
      .then(apply)
      .catch((error: unknown) => {
        clear()
        // A network failure is not an answer: ask again on the next navigation.
        if (!(error instanceof ApiError && error.type === problemTypes.unauthenticated)) {
          restoring = null
        }
      })
      .finally(() => {
        restored.value = true
      })
    return restoring
  }

  async function login(username: string, password: string): Promise<void> {
    apply(await authApi.login(username, password))
    restored.value = true
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  return { user, csrfToken, restored, isSignedIn, can, apply, clear, restore, login, logout }
})

export type SessionStore = ReturnType<typeof useSessionStore>
