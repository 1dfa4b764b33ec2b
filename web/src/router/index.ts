import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router'
import { decideNavigation, type SessionView } from './guard'

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  return createRouter({
    history,
    routes: [
      {
        path: '/login',
        name: 'login',
        component: () => import('@/views/login/index.vue'),
        meta: { public: true },
      },
      {
        path: '/',
        component: () => import('@/components/AppShell.vue'),
        children: [
          { path: '', name: 'home', component: () => import('@/views/home/index.vue') },
          {
            // One parent, so that the menu's register entry stays marked on a household's page.
            path: 'registry',
            meta: { permission: 'registry.read' },
            children: [
              {
                path: '',
                name: 'registry',
                component: () => import('@/views/registry/index.vue'),
              },
              {
                path: 'households/:id(\\d+)',
                name: 'household',
                component: () => import('@/views/household/index.vue'),
              },
            ],
          },
          {
            // One parent, so that the menu's entry stays marked on a request's page.
            path: 'change-requests',
            meta: { permission: 'registry.propose' },
            children: [
              {
                path: '',
                name: 'changeRequests',
                component: () => import('@/views/change-requests/index.vue'),
              },
              {
                path: ':id(\\d+)',
                name: 'changeRequest',
                component: () => import('@/views/change-request/index.vue'),
              },
            ],
          },
          {
            path: 'data-currency',
            name: 'currency',
            component: () => import('@/views/currency/index.vue'),
            meta: { permission: 'registry.figures' },
          },
          {
            path: 'registry-imports',
            name: 'imports',
            component: () => import('@/views/imports/index.vue'),
            meta: { permission: 'registry.write' },
          },
          {
            path: 'users',
            name: 'users',
            component: () => import('@/views/users/index.vue'),
            meta: { permission: 'users.read' },
          },
          {
            path: 'agencies',
            name: 'agencies',
            component: () => import('@/views/agencies/index.vue'),
            meta: { permission: 'agencies.read' },
          },
          {
            path: 'regions/:code?',
            name: 'regions',
            component: () => import('@/views/regions/index.vue'),
            meta: { permission: 'regions.read' },
          },
          {
            path: 'audit',
            name: 'audit',
            component: () => import('@/views/audit/index.vue'),
            meta: { permission: 'audit.read' },
          },
          {
            path: ':pathMatch(.*)*',
            name: 'not-found',
            component: () => import('@/views/not-found/index.vue'),
          },
        ],
      },
    ],
  })
}

/** Every navigation first learns whether someone is signed in, then asks decideNavigation. */
export function installGuard(
  router: Router,
  session: SessionView & { restore: () => Promise<void> },
): void {
  router.beforeEach(async (to) => {
    await session.restore()
    return decideNavigation(to, session)
  })
}
