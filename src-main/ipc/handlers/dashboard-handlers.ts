/** Handlers of the dashboard channels: the service's answers, kept in the offline copy for when it cannot be used. */
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { Handlers } from '../dispatch';
import type { ConsoleCache } from '../../console/cache/console-cache';
import type { ConsoleRuntime } from '../../console/console-runtime';
import type { OfflineCopy } from '../../console/offline/offline-copy';
import { serviceOrCopy } from '../../console/offline/service-or-copy';

/** Users listed in the dashboard's "will be blocked" card (the Directory lists them all). */
const BLOCKED_SHOWN = 200;
const LOCKOUTS_SHOWN = 20;
const NO_COPY = 'the console has no copy of the Dashboard yet: it keeps one from the first time the Dashboard is shown while the service answers.';

/** `dashboard:*` channels; `clock` stamps when the service answered. */
export function createDashboardHandlers(
  runtime: ConsoleRuntime,
  cache: ConsoleCache,
  copy: OfflineCopy,
  clock: () => number = Date.now,
): Pick<Handlers, 'dashboard:overview' | 'dashboard:report' | 'dashboard:enrollment-history' | 'dashboard:revision'> {
  return {
    'dashboard:overview': () =>
      serviceOrCopy<ResponseOf<'dashboard:overview'>>(
        runtime.link,
        async () => {
          const company = await runtime.client().call('companyOverview', {});
          const overview = { companyName: company.name, mfaRequired: company.mfaRequired, deadlineDate: company.deadlineDate, deadlineZone: company.deadlineZone };
          const takenAt = clock();
          copy.rememberOverview(overview, takenAt);
          return { ...overview, takenAt, fromCopy: false };
        },
        () => (copy.overview ? { ...copy.overview.value, takenAt: copy.overview.takenAt, fromCopy: true } : null),
        NO_COPY,
      ),
    'dashboard:report': () =>
      serviceOrCopy<ResponseOf<'dashboard:report'>>(
        runtime.link,
        async () => {
          const report = await runtime.client().call('adminEnrollmentReport', { query: { blockedLimit: BLOCKED_SHOWN, lockoutLimit: LOCKOUTS_SHOWN } });
          const takenAt = clock();
          copy.rememberReport(report, takenAt);
          return { ...report, takenAt, fromCopy: false };
        },
        () => (copy.report ? { ...copy.report.value, takenAt: copy.report.takenAt, fromCopy: true } : null),
        NO_COPY,
      ),
    'dashboard:enrollment-history': ({ timeZone }) =>
      serviceOrCopy<ResponseOf<'dashboard:enrollment-history'>>(
        runtime.link,
        async () => {
          const history = await runtime.client().call('adminEnrollmentHistory', { query: { timeZone } });
          copy.rememberHistory(history, clock());
          return history;
        },
        () => copy.history(timeZone)?.value ?? null,
        NO_COPY,
      ),
    'dashboard:revision': async () => ({ revision: cache.revision() }),
  };
}
