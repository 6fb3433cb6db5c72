/** Handlers of the dashboard channels. */
import type { Handlers } from '../dispatch';
import type { ConsoleCache } from '../../console/cache/console-cache';
import type { ConsoleRuntime } from '../../console/console-runtime';

/** Users listed in the dashboard's "will be blocked" card (the Directory lists them all). */
const BLOCKED_SHOWN = 200;
const LOCKOUTS_SHOWN = 20;

/** `dashboard:*` channels. */
export function createDashboardHandlers(runtime: ConsoleRuntime, cache: ConsoleCache): Pick<Handlers, 'dashboard:overview' | 'dashboard:report' | 'dashboard:enrollment-history' | 'dashboard:revision'> {
  return {
    'dashboard:overview': async () => {
      const company = await runtime.client().call('companyOverview', {});
      return {
        companyName: company.name,
        mfaRequired: company.mfaRequired,
        deadlineDate: company.deadlineDate,
        deadlineZone: company.deadlineZone,
      };
    },
    'dashboard:report': () => runtime.client().call('adminEnrollmentReport', { query: { blockedLimit: BLOCKED_SHOWN, lockoutLimit: LOCKOUTS_SHOWN } }),
    'dashboard:enrollment-history': ({ timeZone }) => runtime.client().call('adminEnrollmentHistory', { query: { timeZone } }),
    'dashboard:revision': async () => ({ revision: cache.revision() }),
  };
}
