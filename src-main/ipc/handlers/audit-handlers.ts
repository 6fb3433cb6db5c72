/** Handlers of the audit channels: list, verify and export (CSV, JSON Lines), straight from the service's audit log. */
import type { AuditFilter } from '../../../shared/ipc/channels/audit';
import type { ConsoleRuntime } from '../../console/console-runtime';
import type { Handlers } from '../dispatch';

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

/** `audit:*` channels; `today` names the export file (YYYY-MM-DD). */
export function createAuditHandlers(runtime: ConsoleRuntime, today: () => string = () => new Date().toISOString().slice(0, 10)): Pick<Handlers, 'audit:list' | 'audit:verify' | 'audit:export' | 'audit:export-jsonl'> {
  return {
    'audit:list': ({ cursor, limit, ...filter }) =>
      runtime.client().call('adminAuditList', { query: { ...auditQuery(filter), limit, ...(cursor ? { cursor } : {}) } }),
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
