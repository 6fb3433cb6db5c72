/** Handlers of the dashboard channels. */
import type { Handlers } from '../dispatch';
import type { ConsoleRuntime } from '../../console/console-runtime';

/** `dashboard:*` channels. */
export function createDashboardHandlers(runtime: ConsoleRuntime): Pick<Handlers, 'dashboard:overview'> {
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
  };
}
