/**
 * Handlers of the audit channels: list, verify and export (CSV, JSON Lines), straight from the service's audit log. Every entry listed
 * is kept in the offline copy, so while the service cannot be used the entries already seen can still be read
 * (newest first; filtering, verifying and exporting need the service).
 */
import type { AuditEntryView } from '../../../shared/api/routes/admin-audit';
import type { AuditFilter, AuditPage } from '../../../shared/ipc/channels/audit';
import type { ConsoleRuntime } from '../../console/console-runtime';
import type { OfflineCopy } from '../../console/offline/offline-copy';
import { serviceOrCopy } from '../../console/offline/service-or-copy';
import type { Handlers } from '../dispatch';

/** Cursors of pages of the copy: `copy:<seq>` = entries older than that one. */
const COPY_CURSOR = /^copy:(\d+)$/;

/** The filters as the service's query takes them (empty ones left out). */
function auditQuery(filter: AuditFilter) {
  return {
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.target ? { target: filter.target } : {}),
    ...(filter.from !== undefined ? { from: filter.from } : {}),
    ...(filter.to !== undefined ? { to: filter.to } : {}),
  };
}

/** A page of the entries kept, newest first, after the copy cursor `cursor`. */
function pageOfCopy(entries: readonly AuditEntryView[], cursor: string | undefined, limit: number): { entries: AuditEntryView[]; nextCursor: string | null } {
  const before = cursor ? Number(COPY_CURSOR.exec(cursor)?.[1]) : Infinity;
  const page = entries.filter((entry) => entry.seq < before).slice(0, limit);
  const last = page.at(-1);
  const more = last !== undefined && entries.some((entry) => entry.seq < last.seq);
  return { entries: page, nextCursor: more ? `copy:${last.seq}` : null };
}

/** `audit:*` channels; `today` names the export file (YYYY-MM-DD), `clock` stamps when the service answered. */
export function createAuditHandlers(
  runtime: ConsoleRuntime,
  copy: OfflineCopy,
  today: () => string = () => new Date().toISOString().slice(0, 10),
  clock: () => number = Date.now,
): Pick<Handlers, 'audit:list' | 'audit:verify' | 'audit:export' | 'audit:export-jsonl'> {
  return {
    'audit:list': ({ cursor, limit, ...filter }) => {
      const query = auditQuery(filter);
      const filtered = Object.keys(query).length > 0;
      const copyCursor = cursor !== undefined && COPY_CURSOR.test(cursor);
      return serviceOrCopy<AuditPage>(
        runtime.link,
        async () => {
          const page = await runtime.client().call('adminAuditList', { query: { ...query, limit, ...(cursor && !copyCursor ? { cursor } : {}) } });
          const takenAt = clock();
          copy.rememberAudit(page.entries, takenAt);
          return { ...page, takenAt, fromCopy: false };
        },
        () => {
          const kept = copy.audit;
          if (!kept || filtered || (cursor !== undefined && !copyCursor)) return null;
          return { ...pageOfCopy(kept.value, cursor, limit), takenAt: kept.takenAt, fromCopy: true };
        },
        filtered
          ? 'filtering the log needs the service. Clear the filters to read the entries this console has already loaded.'
          : 'the console has no more entries of the log than those shown: it keeps the ones it has loaded before.',
      );
    },
    'audit:verify': () => runtime.client().call('adminAuditVerify', {}),
    'audit:export': async (filter) => {
      const csv = await runtime.client().call('adminAuditExport', { query: auditQuery(filter) });
      return { fileName: `audit-log-${today()}.csv`, csv };
    },
    'audit:export-jsonl': async (filter) => {
      const jsonl = await runtime.client().call('adminAuditExportJsonl', { query: auditQuery(filter) });
      return { fileName: `audit-log-${today()}.jsonl`, jsonl };
    },
  };
}
