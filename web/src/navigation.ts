import type { Action } from '@/access'

export interface NavigationItem {
  route:
    | 'home'
    | 'dashboard'
    | 'registry'
    | 'changeRequests'
    | 'currency'
    | 'imports'
    | 'programs'
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
  { route: 'dashboard', icon: 'pi pi-chart-line', permission: 'analytics.figures' },
  { route: 'registry', icon: 'pi pi-id-card', permission: 'registry.read' },
  { route: 'changeRequests', icon: 'pi pi-inbox', permission: 'registry.propose' },
  { route: 'currency', icon: 'pi pi-chart-bar', permission: 'registry.figures' },
  { route: 'imports', icon: 'pi pi-upload', permission: 'registry.write' },
  { route: 'programs', icon: 'pi pi-briefcase', permission: 'programs.read' },
  { route: 'users', icon: 'pi pi-users', permission: 'users.read' },
  { route: 'agencies', icon: 'pi pi-building', permission: 'agencies.read' },
  { route: 'regions', icon: 'pi pi-map', permission: 'regions.read' },
  { route: 'audit', icon: 'pi pi-history', permission: 'audit.read' },
]
