import { http, request } from './http'
import type { Session } from './types'

export function login(username: string, password: string): Promise<Session> {
  return http.post<Session>('/api/v1/auth/login', { username, password })
}

export function logout(): Promise<void> {
  return http.post<void>('/api/v1/auth/logout')
}

/** The signed-in user, or an ApiError of type unauthenticated when nobody is signed in. */
export function currentSession(): Promise<Session> {
  return request<Session>('GET', '/api/v1/auth/me', { quietWhenUnauthenticated: true })
}

export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/api/v1/auth/password', {
    current_password: currentPassword,
    new_password: newPassword,
  })
}
