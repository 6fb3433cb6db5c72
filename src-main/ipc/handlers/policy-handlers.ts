/**
 * Handlers of the MFA policy channels: reads and saves go to the service; the live preview is counted from the cache.
 * While the service cannot be used the policy comes from the cache and its history from the offline copy, each
 * saying as of when; saving is refused by the offline gate.
 */
import { deadlinePreview } from '../../../shared/domain/deadline-preview';
import { canChangePolicy } from '../../../shared/domain/permissions';
import { canonicalTimeZone, canonicalTimeZoneNames } from '../../../shared/domain/time-zone';
import type { PolicyPreview, PolicyState } from '../../../shared/ipc/channels/policy';
import type { ConsoleCache } from '../../console/cache/console-cache';
import type { ConsoleRuntime } from '../../console/console-runtime';
import { knownOperator } from '../../console/offline/known-operator';
import type { OfflineCopy } from '../../console/offline/offline-copy';
import { serviceOrCopy } from '../../console/offline/service-or-copy';
import { ConsoleError } from '../console-error';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { Handlers } from '../dispatch';

type PolicyChannels = 'policy:get' | 'policy:preview' | 'policy:save' | 'policy:history' | 'policy:time-zones' | 'policy:time-zone';

/** `policy:*` channels; `clock` stamps when the service answered. */
export function createPolicyHandlers(runtime: ConsoleRuntime, cache: ConsoleCache, copy: OfflineCopy, clock: () => number = Date.now): Pick<Handlers, PolicyChannels> {
  function activeUsers(): number {
    let total = 0;
    for (const count of cache.index.activeUsersByZone().values()) total += count;
    return total;
  }

  return {
    'policy:get': async (): Promise<PolicyState> => {
      const answer = await serviceOrCopy<Pick<PolicyState, 'policy' | 'takenAt' | 'fromCopy'>>(
        runtime.link,
        async () => {
          const policy = await runtime.client().call('adminPolicyGet', {});
          cache.setPolicy(policy);
          return { policy, takenAt: clock(), fromCopy: false };
        },
        () => (cache.policy ? { policy: cache.policy, takenAt: cache.info().syncedAt ?? clock(), fromCopy: true } : null),
        'the console has no copy of the policy yet: it keeps one from its first sync with the service.',
      );
      // Unknown (null) leaves the decision to the service.
      const { operator } = await knownOperator(runtime, copy, clock);
      const canChange = operator ? canChangePolicy({ permissions: operator }) : true;
      return { ...answer, canChange, operatorEmail: operator?.email ?? null, activeUsers: activeUsers() };
    },

    'policy:preview': async (input): Promise<PolicyPreview> => {
      const started = performance.now();
      await cache.whenReady();
      if (cache.index.size === 0) {
        if (!runtime.link.online) throw new ConsoleError('offline', 'The preview needs the directory: this computer has no copy of it yet and the MFA service cannot be reached right now.');
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

    'policy:history': (input) =>
      serviceOrCopy<ResponseOf<'policy:history'>>(
        runtime.link,
        async () => {
          const page = await runtime.client().call('adminPolicyHistory', { query: { limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) } });
          const takenAt = clock();
          copy.rememberPolicyHistory(page.entries, takenAt);
          return { ...page, takenAt, fromCopy: false };
        },
        () => {
          const kept = copy.policyHistory;
          return kept && input.cursor === undefined ? { entries: kept.value, nextCursor: null, takenAt: kept.takenAt, fromCopy: true } : null;
        },
        input.cursor === undefined
          ? 'the console has no copy of the history yet: it keeps the changes it has shown before.'
          : 'older changes than those shown need the service.',
      ),
  };
}
