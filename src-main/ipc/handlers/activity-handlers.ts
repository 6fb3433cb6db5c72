/** Handlers of the sign-in activity channels: list and export, straight from the service. */
import type { ActivityFilter } from '../../../shared/ipc/channels/activity';
import type { ConsoleRuntime } from '../../console/console-runtime';
import type { Handlers } from '../dispatch';

/** The filters as the service's query takes them (empty ones left out). */
function activityQuery(filter: ActivityFilter) {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== '')) as ActivityFilter;
}

/** `activity:*` channels; `today` names the export file (YYYY-MM-DD). */
export function createActivityHandlers(
  runtime: ConsoleRuntime,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): Pick<Handlers, 'activity:list' | 'activity:export'> {
  return {
    'activity:list': ({ cursor, limit, ...filter }) =>
      runtime.client().call('adminSignInActivity', { query: { ...activityQuery(filter), limit, ...(cursor ? { cursor } : {}) } }),
    'activity:export': async (filter) => {
      const csv = await runtime.client().call('adminSignInActivityExport', { query: activityQuery(filter) });
      return { fileName: `sign-in-activity-${today()}.csv`, csv };
    },
  };
}
