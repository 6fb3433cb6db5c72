/** Admin API routes of the audit log: list, CSV and JSON Lines export, and chain verification (R-AUD-1). */
import { apiRoutes } from '../../../shared/api';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { verifyAuditChain } from '../audit/verify-audit-chain';
import { auditEntriesOldestFirst, auditEntryView, listAudit, seqCursor } from './audit-repo';
import { csvLine } from '../../../shared/domain/csv';
import { operatorOf } from './operator';

const EXPORT_HEADER = ['seq', 'at_utc', 'company_time_utc', 'actor_email', 'actor_id', 'action', 'target_email', 'target_id', 'before', 'after', 'evidence', 'prev_hash', 'hash'];

/** Registers the audit routes. */
export function registerAuditRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store } = ctx;

  registerRoute(app, apiRoutes.adminAuditList, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    const { cursor, limit, ...filter } = query;
    return listAudit(store.db, operator.companyId, filter, { beforeSeq: seqCursor(cursor), limit });
  });

  registerRoute(app, apiRoutes.adminAuditExport, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    const parts = [csvLine(EXPORT_HEADER)];
    for await (const row of auditEntriesOldestFirst(store.db, operator.companyId, query)) {
      parts.push(
        csvLine([
          Number(row.seq),
          new Date(Number(row.at)).toISOString(),
          row.company_at === null ? '' : new Date(Number(row.company_at)).toISOString(),
          row.actor_email,
          row.actor_id,
          row.action,
          row.target_email,
          row.target_id,
          row.before,
          row.after,
          row.evidence,
          row.prev_hash,
          row.hash,
        ]),
      );
    }
    return parts.join('');
  });

  registerRoute(app, apiRoutes.adminAuditExportJsonl, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    const lines: string[] = [];
    for await (const row of auditEntriesOldestFirst(store.db, operator.companyId, query)) lines.push(`${JSON.stringify(auditEntryView(row))}\n`);
    return lines.join('');
  });

  registerRoute(app, apiRoutes.adminAuditVerify, authenticator, async ({ auth }) => {
    const operator = operatorOf(auth);
    const total = await store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('company_id', '=', operator.companyId)
      .executeTakeFirst();
    const result = await verifyAuditChain(store.db, operator.companyId, ctx.mfa.keys.audit);
    return {
      ok: result.ok,
      checked: result.checked,
      total: Number(total?.count ?? 0),
      brokenAt: result.ok ? null : result.brokenAt,
      note: result.ok ? result.note : null,
    };
  });
}
