import type { Action } from '@/access'

export interface NavigationItem {
  route:
    | 'home'
    | 'registry'
    | 'changeRequests'
    | 'currency'
    | 'imports'
    | 'users'
    | 'agencies'
    | 'regions'
    | 'audit'
  icon: string
  /** Shown only to roles that may perform it; none means every signed-in user. */
  permission?: Action
}

export const navigationItems: readonly NavigationItem[] = [
  { route: 'home', icon: 'pi pi-home' },
  { route: 'registry', icon: 'pi pi-id-card', permission: 'registry.read' },
  { route: 'changeRequests', icon: 'pi pi-inbox', permission: 'registry.propose' },
  { route: 'currency', icon: 'pi pi-chart-bar', permission: 'registry.figures' },
  { route: 'imports', icon: 'pi pi-upload', permission: 'registry.write' },
  { route: 'users', icon: 'pi pi-users', permission: 'users.read' },
  { route: 'agencies', icon: 'pi pi-building', permission: 'agencies.read' },
  { route: 'regions', icon: 'pi pi-map', permission: 'regions.read' },
  { route: 'audit', icon: 'pi pi-history', permission: 'audit.read' },
]
