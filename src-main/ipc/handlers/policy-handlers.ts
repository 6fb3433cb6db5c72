/** Handlers of the MFA policy channels: reads and saves go to the service; the live preview is counted from the cache. */
import { policyWarnings } from '../../../shared/domain/policy-warnings';
import { hasAdminOnBothTools } from '../../../shared/domain/permissions';
import { timeZonePreview } from '../../../shared/domain/tz-preview';
import type { PolicyPreview, PolicyState } from '../../../shared/ipc/channels/policy';
import type { ConsoleCache } from '../../console/cache/console-cache';
import type { ConsoleRuntime } from '../../console/console-runtime';
import { ConsoleError } from '../console-error';
import type { Handlers } from '../dispatch';

type PolicyChannels = 'policy:get' | 'policy:preview' | 'policy:save' | 'policy:history';

/** `policy:*` channels. */
export function createPolicyHandlers(runtime: ConsoleRuntime, cache: ConsoleCache): Pick<Handlers, PolicyChannels> {
  /** Who the console acts as; unknown (null) leaves the decision to the service. */
  async function operator(): Promise<{ email: string; canChange: boolean } | null> {
    try {
      const me = await runtime.client().call('me', {});
      return { email: me.email, canChange: hasAdminOnBothTools({ companyAdmin: me.companyAdmin, directory: me.directory }) };
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
      const preview = timeZonePreview({ date: input.date, zone: input.zone, activeUsersByZone: counts, extraZones: input.extraZones });
      if (!preview.ok) {
        const field = preview.reason === 'invalid_date' ? 'date' : 'zone';
        throw new ConsoleError('bad_request', preview.message, { fields: { [field]: preview.message } });
      }
      let totalActiveUsers = 0;
      for (const count of counts.values()) totalActiveUsers += count;
      const warnings = policyWarnings({ required: input.required, deadlineDate: input.date, deadlineZone: input.zone }, cache.now());
      return { ...preview, rows: preview.rows.map((row) => ({ ...row, notes: [...row.notes] })), unknownZones: [...preview.unknownZones], totalActiveUsers, warnings, source: 'cache', tookMs: performance.now() - started };
    },

    'policy:save': async (input) => {
      const saved = await runtime.client().call('adminPolicyUpdate', { body: input });
      cache.setPolicy(saved.policy);
      return saved;
    },

    'policy:history': (input) => runtime.client().call('adminPolicyHistory', { query: { limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) } }),
  };
}
