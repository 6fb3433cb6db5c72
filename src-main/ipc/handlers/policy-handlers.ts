/** Handlers of the MFA policy channels: reads and saves go to the service; the live preview is counted from the cache. */
import { deadlinePreview } from '../../../shared/domain/deadline-preview';
import { canChangePolicy } from '../../../shared/domain/permissions';
import { canonicalTimeZone, canonicalTimeZoneNames } from '../../../shared/domain/time-zone';
import type { PolicyPreview, PolicyState } from '../../../shared/ipc/channels/policy';
import type { ConsoleCache } from '../../console/cache/console-cache';
import type { ConsoleRuntime } from '../../console/console-runtime';
import { ConsoleError } from '../console-error';
import type { Handlers } from '../dispatch';

type PolicyChannels = 'policy:get' | 'policy:preview' | 'policy:save' | 'policy:history' | 'policy:time-zones' | 'policy:time-zone';

/** `policy:*` channels. */
export function createPolicyHandlers(runtime: ConsoleRuntime, cache: ConsoleCache): Pick<Handlers, PolicyChannels> {
  /** Who the console acts as; unknown (null) leaves the decision to the service. */
  async function operator(): Promise<{ email: string; canChange: boolean } | null> {
    try {
      const me = await runtime.client().call('me', {});
      return { email: me.email, canChange: canChangePolicy({ permissions: me }) };
    } catch {
      return null;
    }
  }

  function activeUsers(): number {
    let total = 0;
    for (const count of cache.index.activeUsersByZone().values()) total += count;
    return total;
  }

  return {
    'policy:get': async (): Promise<PolicyState> => {
      let policy = cache.policy;
      try {
        policy = await runtime.client().call('adminPolicyGet', {});
        cache.setPolicy(policy);
      } catch (error) {
        if (!policy) throw error;
      }
      const who = await operator();
      return { policy, canChange: who?.canChange ?? true, operatorEmail: who?.email ?? null, activeUsers: activeUsers() };
    },

    'policy:preview': async (input): Promise<PolicyPreview> => {
      const started = performance.now();
      await cache.whenReady();
      if (cache.index.size === 0) {
        const answer = await runtime.client().call('adminPolicyPreview', {
          query: { date: input.date, zone: input.zone, extraZones: input.extraZones.join(','), required: String(input.required) as 'true' | 'false' },
        });
        return { ...answer, source: 'service', tookMs: performance.now() - started };
      }
      const counts = cache.index.activeUsersByZone();
      const result = deadlinePreview({ ...input, activeUsersByZone: counts }, cache.now());
      if (!result.ok) {
        const field = result.reason === 'invalid_date' ? 'date' : 'zone';
        throw new ConsoleError('bad_request', result.message, { fields: { [field]: result.message } });
      }
      return { ...result.preview, source: 'cache', tookMs: performance.now() - started };
    },

    'policy:save': async (input) => {
      const saved = await runtime.client().call('adminPolicyUpdate', { body: input });
      cache.setPolicy(saved.policy);
      return saved;
    },

    'policy:time-zones': async () => ({ zones: [...canonicalTimeZoneNames()] }),

    'policy:time-zone': async ({ name }) => {
      const zone = canonicalTimeZone(name);
      if (zone === null) {
        const message = `"${name.trim()}" is not a time zone. Pick one from the list, such as Asia/Kathmandu or America/New_York.`;
        throw new ConsoleError('bad_request', message, { fields: { zone: message } });
      }
      return { zone };
    },

    'policy:history': (input) => runtime.client().call('adminPolicyHistory', { query: { limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) } }),
  };
}
