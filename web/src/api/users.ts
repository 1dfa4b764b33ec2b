import { http } from './http'
import type { NewUser, Page, PageRequest, Role, User, UserChanges } from './types'

export interface UserFilter {
  q?: string
  agency_id?: number | null
  role?: Role | null
  active?: boolean | null
}

export function listUsers(filter: UserFilter & PageRequest = {}): Promise<Page<User>> {
  return http.get<Page<User>>('/api/v1/users', { ...filter })
}

export function getUser(id: number): Promise<User> {
  return http.get<User>(`/api/v1/users/${id}`)
}

export function createUser(user: NewUser): Promise<User> {
  return http.post<User>('/api/v1/users', user)
}

export function updateUser(id: number, changes: UserChanges): Promise<User> {
  return http.patch<User>(`/api/v1/users/${id}`, changes)
}

/** Also ends every session of that user. */
export function disableUser(id: number): Promise<User> {
  return http.post<User>(`/api/v1/users/${id}/disable`)
}

export function enableUser(id: number): Promise<User> {
  return http.post<User>(`/api/v1/users/${id}/enable`)
}

export function resetPassword(id: number, password: string): Promise<void> {
  return http.post<void>(`/api/v1/users/${id}/password`, { password })
}
