/** The console's screens. Hash history works the same under app:// and in browser mode. */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import DashboardView from './views/DashboardView.vue';
import PolicyView from './views/PolicyView.vue';
import DirectoryView from './views/DirectoryView.vue';
import ResetView from './views/ResetView.vue';
import AuditView from './views/AuditView.vue';
import SimulatorView from './views/SimulatorView.vue';
import SettingsView from './views/SettingsView.vue';

/** Navigation entries in display order (the shell's nav is built from these). */
export const NAV_ROUTES = [
  { path: '/', name: 'dashboard', component: DashboardView, meta: { title: 'Dashboard' } },
  { path: '/policy', name: 'policy', component: PolicyView, meta: { title: 'MFA Policy' } },
  { path: '/directory', name: 'directory', component: DirectoryView, meta: { title: 'Directory' } },
  { path: '/reset', name: 'reset', component: ResetView, meta: { title: 'Reset' } },
  { path: '/audit', name: 'audit', component: AuditView, meta: { title: 'Audit' } },
  { path: '/simulator', name: 'simulator', component: SimulatorView, meta: { title: 'Simulator' } },
  { path: '/settings', name: 'settings', component: SettingsView, meta: { title: 'Settings' } },
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
