/** Handlers of the verified reset channels: the service decides and audits; the cache catches up after a reset. */
import type { ConsoleCache } from '../../console/cache/console-cache';
import type { ConsoleRuntime } from '../../console/console-runtime';
import type { Handlers } from '../dispatch';

/** `reset:*` channels. */
export function createResetHandlers(
  runtime: ConsoleRuntime,
  cache: ConsoleCache,
): Pick<Handlers, 'reset:eligibility' | 'reset:perform' | 'reset:triage' | 'reset:access-code-eligibility' | 'reset:issue-access-code'> {
  return {
    'reset:eligibility': ({ email, timeZone }) => runtime.client().call('adminResetEligibility', { body: { email, timeZone } }),
    'reset:perform': async (input) => {
      const result = await runtime.client().call('adminReset', { body: input });
      await cache.sync();
      return result;
    },
    'reset:triage': ({ email, timeZone }) => runtime.client().call('adminTriage', { body: { email, timeZone } }),
    'reset:access-code-eligibility': ({ email, timeZone }) => runtime.client().call('adminAccessCodeEligibility', { body: { email, timeZone } }),
    'reset:issue-access-code': (input) => runtime.client().call('adminAccessCodeIssue', { body: input }),
  };
}
