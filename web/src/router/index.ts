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
            path: 'dashboard',
            name: 'dashboard',
            component: () => import('@/views/dashboard/index.vue'),
            meta: { permission: 'analytics.figures' },
          },
          {
            // The pages behind the dashboard's figures; the household lists on them need registry.read.
            path: 'analytics',
            meta: { permission: 'analytics.figures' },
            children: [
              {
                path: 'overlap',
                name: 'analyticsOverlap',
                component: () => import('@/views/analytics/OverlapPage.vue'),
              },
              {
                path: 'coverage',
                name: 'analyticsCoverage',
                component: () => import('@/views/analytics/CoveragePage.vue'),
              },
              {
                path: 'programs/:id(\\d+)/targeting',
                name: 'programTargeting',
                component: () => import('@/views/analytics/TargetingPage.vue'),
              },
            ],
          },
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
              {
                path: 'pmt',
                name: 'pmtDisagreements',
                component: () => import('@/views/pmt/index.vue'),
                meta: { permission: 'pmt.read' },
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
            // One parent, so that the menu's entry stays marked on a programme's page.
            path: 'programs',
            meta: { permission: 'programs.read' },
            children: [
              {
                path: '',
                name: 'programs',
                component: () => import('@/views/programs/index.vue'),
              },
              {
                path: 'new',
                name: 'programNew',
                component: () => import('@/views/programs/NewProgramPage.vue'),
                meta: { permission: 'programs.manage' },
              },
              {
                path: ':id(\\d+)',
                name: 'program',
                component: () => import('@/views/programs/ProgramPage.vue'),
              },
            ],
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
