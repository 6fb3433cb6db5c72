/** The console's screens. Hash history works the same under app:// and in browser mode. */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import DashboardView from './views/DashboardView.vue';

/**
 * Navigation entries in display order (the shell's nav is built from these). The dashboard is in the first load;
 * every other screen is its own chunk, loaded when first opened.
 */
export const NAV_ROUTES = [
  { path: '/', name: 'dashboard', component: DashboardView, meta: { title: 'Dashboard' } },
  { path: '/policy', name: 'policy', component: () => import('./views/PolicyView.vue'), meta: { title: 'MFA Policy' } },
  { path: '/rollout', name: 'rollout', component: () => import('./views/RolloutView.vue'), meta: { title: 'Rollout messages' } },
  { path: '/directory', name: 'directory', component: () => import('./views/DirectoryView.vue'), meta: { title: 'Directory' } },
  { path: '/reset', name: 'reset', component: () => import('./views/ResetView.vue'), meta: { title: 'Reset' } },
  { path: '/activity', name: 'activity', component: () => import('./views/ActivityView.vue'), meta: { title: 'Sign-in activity' } },
  { path: '/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { title: 'Audit' } },
  { path: '/simulator', name: 'simulator', component: () => import('./views/SimulatorView.vue'), meta: { title: 'Simulator' } },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { title: 'Settings' } },
] as const satisfies readonly RouteRecordRaw[];

/** Creates the router; the page title follows the screen. */
export function createConsoleRouter() {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [...NAV_ROUTES, { path: '/:pathMatch(.*)*', redirect: '/' }],
  });
  router.afterEach((to) => {
    const title = typeof to.meta.title === 'string' ? to.meta.title : '';
    document.title = title ? `${title} · MFA Admin Console` : 'MFA Admin Console';
  });
  return router;
}
