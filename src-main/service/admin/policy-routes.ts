/** Admin API routes of the MFA policy: read, update (409 on a stale version), history and time-zone preview. */
import { apiRoutes } from '../../../shared/api';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { PolicyHistoryEntry } from '../../../shared/api/routes/admin-policy';
import { deadlinePreview } from '../../../shared/domain/deadline-preview';
import { ApiError } from '../http/api-error';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { listAudit, seqCursor } from './audit-repo';
import { callerCompanyContext, loadCompanyContext } from './company-context';
import { operatorOf } from './operator';
import { policyView, updatePolicy } from './policy-service';

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Registers the policy routes. */
export function registerPolicyRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, clock } = ctx;

  registerRoute(app, apiRoutes.adminPolicyGet, authenticator, async ({ auth }) => {
    return policyView(store.db, callerCompanyContext(auth));
  });

  registerRoute(app, apiRoutes.adminPolicyUpdate, authenticator, async ({ auth, body }) => {
    const operator = operatorOf(auth);
    const { changed } = await updatePolicy({ store, clock }, operator, body);
    // A shorter retention applies at once: sign-in activity older than it goes now (R-LOG-1).
    if (changed.includes('signInRetentionDays')) await ctx.signIns.prune(operator.companyId);
    const policy = await policyView(store.db, await loadCompanyContext(store.db, clock, operator.companyId));
    return { policy, changed };
  });

  registerRoute(app, apiRoutes.adminPolicyHistory, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    const page = await listAudit(
      store.db,
      operator.companyId,
      { action: AUDIT_ACTIONS.policyUpdate },
      { beforeSeq: seqCursor(query.cursor), limit: query.limit },
    );
    const entries: PolicyHistoryEntry[] = page.entries.map((entry) => {
      const before = record(entry.before);
      const after = record(entry.after);
      return {
        seq: entry.seq,
        at: entry.at,
        actorEmail: entry.actorEmail,
        changed: [...new Set([...Object.keys(before), ...Object.keys(after)])],
        before,
        after,
      };
    });
    return { entries, nextCursor: page.nextCursor };
  });

  registerRoute(app, apiRoutes.adminPolicyPreview, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    const company = callerCompanyContext(auth);
    const rows = await store.db
      .selectFrom('users')
      .select(['time_zone', (eb) => eb.fn.countAll<number>().as('count')])
      .where('company_id', '=', operator.companyId)
      .where('status', '=', 'active')
      .groupBy('time_zone')
      .execute();
    const activeUsersByZone = new Map(rows.map((row) => [row.time_zone, Number(row.count)]));
    const result = deadlinePreview({ date: query.date, zone: query.zone, activeUsersByZone, extraZones: query.extraZones, required: query.required }, company.now);
    if (!result.ok) throw new ApiError('bad_request', result.message, { reason: result.reason });
    return result.preview;
  });
}
