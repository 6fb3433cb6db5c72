/**
 * Handlers of the directory channels: windows, filters and search come from main's cache; user detail and every
 * change go to the service, after which the cache catches up before answering (so the next window shows the change).
 * While the service cannot be used, a user's record is the one last opened (with when), and changes are refused by
 * the offline gate; a bulk change the connection breaks in the middle says what was done and what was not.
 */
import { BULK_DEACTIVATE_MAX } from '../../../shared/api/routes/admin-directory';
import type { DirectoryUserDetail as ApiUserDetail } from '../../../shared/api/routes/admin-common';
import type { Freshness } from '../../../shared/ipc/channels/app';
import { directoryFilterSchema, type BulkDeactivateResult, type DirectoryUserDetail } from '../../../shared/ipc/channels/directory';
import type { ConsoleCache } from '../../console/cache/console-cache';
import type { QueryContext } from '../../console/cache/directory-index';
import type { ConsoleRuntime } from '../../console/console-runtime';
import type { DirectoryImports } from '../../console/directory-import/directory-import';
import { offlineRefusal } from '../../console/link/offline-gate';
import type { OfflineCopy } from '../../console/offline/offline-copy';
import { isOutage, serviceOrCopy } from '../../console/offline/service-or-copy';
import { directoryCsv } from '../../console/exports/directory-csv';
import { ConsoleError } from '../console-error';
import type { Handlers } from '../dispatch';
import { DEFAULT_STALE_DAYS, userDetailView } from './user-detail-view';

type DirectoryChannels = Extract<keyof Handlers, `directory:${string}`>;

const SKIPS_SHOWN = 100;

/** `directory:*` channels; `clock` stamps when the service answered, `today` names export files (YYYY-MM-DD). */
export function createDirectoryHandlers(
  runtime: ConsoleRuntime,
  cache: ConsoleCache,
  imports: DirectoryImports,
  copy: OfflineCopy,
  clock: () => number = Date.now,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): Pick<Handlers, DirectoryChannels> {
  const context = (staleAfterDays?: number): QueryContext => ({
    now: cache.now(),
    staleAfterDays: staleAfterDays ?? cache.policy?.staleAfterDays ?? DEFAULT_STALE_DAYS,
  });

  const withDerived = (user: ApiUserDetail, freshness: Freshness = { takenAt: clock(), fromCopy: false }): DirectoryUserDetail =>
    userDetailView(user, cache, freshness);

  /**
   * Deactivates in parts of at most BULK_DEACTIVATE_MAX (each one transaction in the service). When a part fails
   * after others were done, the result says so instead of throwing: the parts done stay done.
   */
  async function deactivate(ids: string[]): Promise<BulkDeactivateResult> {
    const result: BulkDeactivateResult = { deactivated: 0, sessionsEnded: 0, skipped: [], skippedCount: 0, stopped: null };
    try {
      for (let start = 0; start < ids.length; start += BULK_DEACTIVATE_MAX) {
        const userIds = ids.slice(start, start + BULK_DEACTIVATE_MAX);
        let part;
        try {
          if (start > 0 && !runtime.link.online) throw offlineRefusal(runtime.link, { what: 'Deactivating the other users', changes: true });
          part = await runtime.client().call('adminUsersBulkDeactivate', { body: { userIds } });
        } catch (error) {
          if (start === 0 || !(error instanceof ConsoleError)) throw error;
          const inDoubt = isOutage(error) && error.details?.delivery === 'unknown' ? userIds.length : 0;
          result.stopped = { message: error.message, inDoubt, notSent: ids.length - start - inDoubt };
          break;
        }
        result.deactivated += part.deactivated;
        result.sessionsEnded += part.sessionsEnded;
        result.skippedCount += part.skipped.length;
        result.skipped.push(...part.skipped.slice(0, SKIPS_SHOWN - result.skipped.length));
      }
    } finally {
      await cache.sync();
    }
    return result;
  }

  async function afterChange(user: ApiUserDetail): Promise<DirectoryUserDetail> {
    await cache.sync();
    return withDerived(user);
  }

  return {
    'directory:query': async (input) => {
      await cache.whenReady();
      const started = performance.now();
      const ctx = context(input.staleAfterDays);
      const slots = cache.index.query(input, input.sort, input.direction, ctx);
      const rows = cache.index.window(slots, input.offset, input.limit, ctx);
      return {
        total: slots.length,
        offset: input.offset,
        rows,
        directorySize: cache.index.size,
        staleAfterDays: ctx.staleAfterDays,
        cache: cache.info(),
        tookMs: performance.now() - started,
      };
    },

    'directory:facets': async () => {
      await cache.whenReady();
      return { ...cache.index.facets(), staleAfterDays: context().staleAfterDays, cache: cache.info() };
    },

    'directory:user': ({ id }) =>
      serviceOrCopy<DirectoryUserDetail>(
        runtime.link,
        async () => {
          const user = await runtime.client().call('adminUserGet', { params: { id } });
          const takenAt = clock();
          copy.rememberUser(user, takenAt);
          return withDerived(user, { takenAt, fromCopy: false });
        },
        () => {
          const kept = copy.user(id);
          return kept ? withDerived(kept.value, { takenAt: kept.takenAt, fromCopy: true }) : null;
        },
        "the console has not opened this user's record before. The table shows what this computer's copy knows of them.",
      ),

    'directory:deactivate': ({ ids }) => deactivate(ids),

    'directory:deactivate-stale': async ({ staleAfterDays, expectedCount }) => {
      await cache.refresh();
      const ctx = context(staleAfterDays);
      const slots = cache.index.query(directoryFilterSchema.parse({ staleOnly: true }), 'name', 'asc', ctx);
      if (slots.length !== expectedCount) {
        throw new ConsoleError(
          'conflict',
          `The list of stale users changed since you confirmed: ${slots.length} users are stale now, not ${expectedCount}. Nothing was changed; review the list and confirm again.`,
        );
      }
      return deactivate(cache.index.window(slots, 0, slots.length, ctx).map((row) => row.id));
    },

    'directory:update': async ({ id, expectedChangeSeq, name, country, timeZone, permissions }) =>
      afterChange(
        await runtime.client().call('adminUserUpdate', {
          params: { id },
          body: { expectedChangeSeq, name, country, timeZone, ...(permissions ? { permissions } : {}) },
        }),
      ),

    'directory:export': async ({ ids }) => {
      await cache.whenReady();
      const ctx = context();
      const rows = [];
      for (const id of ids) {
        const row = cache.index.rowOf(id, ctx);
        const user = cache.index.get(id);
        if (row && user) rows.push({ row, user });
      }
      if (rows.length === 0) throw new ConsoleError('not_found', 'None of the selected users is in the directory any more. Refresh the list and select them again.');
      return { fileName: `directory-${rows.length}-users-${today()}.csv`, csv: directoryCsv(rows) };
    },

    'directory:reactivate': async ({ id }) => afterChange(await runtime.client().call('adminUserReactivate', { params: { id }, body: {} })),

    'directory:unlock': async ({ id }) => afterChange(await runtime.client().call('adminUserUnlock', { params: { id }, body: {} })),

    'directory:revoke-access-code': async ({ id }) => {
      await runtime.client().call('adminAccessCodeRevoke', { params: { id }, body: {} });
      return withDerived(await runtime.client().call('adminUserGet', { params: { id } }));
    },

    'directory:refresh': async () => {
      // "Refresh now" while the service cannot be used is a "try now": the cache catches up if it answers.
      if (!runtime.link.online && (await runtime.link.check()).state !== 'online') {
        throw offlineRefusal(runtime.link, { what: 'Refreshing the directory', changes: false });
      }
      return cache.refresh();
    },

    'directory:import-start': async ({ fileName, totalBytes, mode, applyPermissionChanges, invite }) => {
      const query = {
        mode: mode === 'check' ? 'preview' : 'apply',
        permissionChanges: applyPermissionChanges ? 'apply' : 'refuse',
        invite: invite ? 'new' : 'none',
      } as const;
      const started = imports.start(
        fileName,
        totalBytes,
        (csv, options) => {
          // A batch is never started while the service is known to be lost: the import stops before it, cleanly.
          if (!runtime.link.online) throw offlineRefusal(runtime.link, { what: 'Importing the rest of the file', changes: true });
          return runtime.client().call('adminUsersImport', { body: csv, query: options });
        },
        query,
      );
      return { importId: started.id };
    },

    'directory:import-chunk': async ({ importId, text, last }) => {
      const progress = await imports.get(importId).push(text, last);
      if (progress.finished && !progress.preview) await cache.sync();
      return progress;
    },

    'directory:import-report': async ({ importId, kind }) => {
      const job = imports.get(importId);
      const base = job.fileName.replace(/\.csv$/i, '');
      return kind === 'changes'
        ? { fileName: `${base}-changes.csv`, csv: job.changesReport() }
        : { fileName: `${base}-errors.csv`, csv: job.errorReport() };
    },
  };
}
