/**
 * Dashboard data, loaded through the bridge: the company headline and the enrollment report (R-RPT-1). While the
 * Dashboard is shown it keeps itself current: it asks main every few seconds whether anything changed (an answer
 * from main's memory, no service call) and reloads only then, and also at the next moment the figures change by
 * themselves (a lockout ends, enforcement begins). While the service cannot be used, main answers with its copy of
 * the last figures, saying when they were taken.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { EnrollmentHistory, EnrollmentReport } from '../../shared/api/routes/admin-report';
import type { CompanyOverview } from '../../shared/ipc/channels/dashboard';
import { invoke } from '../bridge';
import { adminTimeZone } from '../composables/use-admin-time';
import { useNotificationsStore } from './notifications';

/** How often the Dashboard asks main whether anything changed. */
export const REVISION_POLL_MS = 5_000;
/** setTimeout's longest delay; a later moment is waited for in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** The next moment after the report's `now` when its figures change without anyone acting, or null. */
export function nextScheduledChange(report: EnrollmentReport): number | null {
  const moments = report.recentLockouts.filter((lockout) => lockout.stillLocked).map((lockout) => lockout.lockedUntil);
  if (report.policy.required) moments.push(report.policy.enforcementAt);
  const future = moments.filter((at): at is number => at !== null && at > report.now);
  return future.length > 0 ? Math.min(...future) : null;
}

export const useDashboardStore = defineStore('dashboard', () => {
  const overview = ref<CompanyOverview | null>(null);
  const report = ref<EnrollmentReport | null>(null);
  /** Enrolled users day by day, in the admin's calendar days. */
  const history = ref<EnrollmentHistory | null>(null);
  /** Company time minus this computer's time when the report arrived (the demo may run a shifted clock). */
  const skewMs = ref(0);
  const loading = ref(false);
  /** When the figures shown were taken (this computer's clock), or null before the first load. */
  const asOf = ref<number | null>(null);
  /** True when the figures are the console's copy (the service cannot be used now). */
  const fromCopy = ref(false);
  let revision: string | null = null;
  let poll: ReturnType<typeof setInterval> | undefined;
  let wake: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<void> {
    loading.value = true;
    const notifications = useNotificationsStore();
    try {
      const [changes, company, enrollment, days] = await Promise.allSettled([
        invoke('dashboard:revision', {}),
        invoke('dashboard:overview', {}),
        invoke('dashboard:report', {}),
        invoke('dashboard:enrollment-history', { timeZone: adminTimeZone() }),
      ]);
      if (days.status === 'fulfilled') history.value = days.value;
      else notifications.fromError('Could not load enrollment over time', days.reason);
      if (changes.status === 'fulfilled') revision = changes.value.revision;
      if (company.status === 'fulfilled') overview.value = company.value;
      else notifications.fromError('Could not load the dashboard', company.reason);
      if (enrollment.status === 'fulfilled') {
        report.value = enrollment.value;
        skewMs.value = enrollment.value.now - enrollment.value.takenAt;
        asOf.value = enrollment.value.takenAt;
        fromCopy.value = enrollment.value.fromCopy;
      } else {
        notifications.fromError('Could not load the enrollment report', enrollment.reason);
      }
    } finally {
      loading.value = false;
      if (poll !== undefined) scheduleWake();
    }
  }

  /** Reloads when main's copy of the company changed since the last load. */
  async function check(): Promise<void> {
    if (loading.value || (typeof document !== 'undefined' && document.visibilityState === 'hidden')) return;
    try {
      const { revision: now } = await invoke('dashboard:revision', {});
      if (now !== revision) await load();
    } catch {
      // The status bar already says when main cannot be reached; the next check tries again.
    }
  }

  function scheduleWake(): void {
    clearTimeout(wake);
    // The copy's figures cannot change until the service is back (the Dashboard reloads then).
    if (fromCopy.value) return;
    const next = report.value ? nextScheduledChange(report.value) : null;
    if (next === null || !report.value) return;
    const delay = Math.min(next - report.value.now + 1_000, MAX_DELAY_MS);
    wake = setTimeout(() => void load(), delay);
  }

  function onVisible(): void {
    if (document.visibilityState === 'visible') void check();
  }

  /** Loads, then keeps the figures current until `stop()` (the Dashboard calls both as it opens and closes). */
  async function start(): Promise<void> {
    poll ??= setInterval(() => void check(), REVISION_POLL_MS);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
    await load();
  }

  function stop(): void {
    clearInterval(poll);
    clearTimeout(wake);
    poll = undefined;
    wake = undefined;
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
  }

  return { overview, report, history, skewMs, loading, asOf, fromCopy, load, start, stop };
});
