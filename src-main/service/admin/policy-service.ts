/** Reads and changes the company MFA policy (R-POL-1..7); every change audited with before/after (R-POL-3). */
import type { Kysely } from 'kysely';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { PolicyView } from '../../../shared/api/routes/admin-policy';
import { companyEnforces } from '../../../shared/domain/enforcement';
import { policyEnforcementAt } from '../../../shared/domain/enforcement-instant';
import { applyPolicyUpdate, changedPolicyFields, type DomainPolicy, type PolicyUpdate } from '../../../shared/domain/policy';
import { policyWarnings } from '../../../shared/domain/policy-warnings';
import { appendAudit } from '../audit/append-audit';
import type { Clock } from '../clock';
import { ApiError } from '../http/api-error';
import type { Database } from '../store/schema';
import type { Store } from '../store/store';
import { loadCompanyContext, type CompanyContext } from './company-context';
import { requireOperatorMay, type Operator } from './operator';

/** The policy as the console shows it. */
export async function policyView(db: Kysely<Database>, ctx: CompanyContext): Promise<PolicyView> {
  const { policy, policyRow, now } = ctx;
  const updatedBy = policyRow.updated_by
    ? await db.selectFrom('users').select('email').where('id', '=', policyRow.updated_by).executeTakeFirst()
    : undefined;
  return {
    ...policy,
    version: policyRow.version,
    updatedAt: Number(policyRow.updated_at),
    updatedByEmail: updatedBy?.email ?? null,
    enforcementAt: policyEnforcementAt(policy),
    enforced: companyEnforces(policy, now),
    now,
    warnings: policyWarnings(policy, now),
  };
}

function pick(policy: DomainPolicy, keys: readonly (keyof DomainPolicy)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, policy[key]]));
}

/** The parsed update body: the version read, and the settings to change. */
export type ParsedPolicyUpdate = { version: number } & PolicyUpdate;

/**
 * Applies an update for `operator` (R-POL-1: admin on both tools). Refuses with 409 when `version` is not the
 * stored one. An update that changes nothing keeps the version and writes no audit entry.
 */
export async function updatePolicy(
  deps: { store: Store; clock: Clock },
  operator: Operator,
  body: ParsedPolicyUpdate,
): Promise<{ changed: string[] }> {
  requireOperatorMay(operator, 'change_policy');
  const { version, ...update } = body;
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    if (ctx.policyRow.version !== version) {
      throw new ApiError(
        'conflict',
        `Someone else changed the MFA policy after you opened it (it is now version ${ctx.policyRow.version}). Reload the policy, check their change, and save yours again.`,
        { currentVersion: ctx.policyRow.version },
      );
    }
    const next = applyPolicyUpdate(ctx.policy, update);
    const changed = changedPolicyFields(ctx.policy, next);
    if (changed.length === 0) return { changed: [] };
    const nextVersion = version + 1;
    await trx
      .updateTable('policies')
      .set({
        required: next.required ? 1 : 0,
        deadline_date: next.deadlineDate,
        deadline_zone: next.deadlineZone,
        allowed_methods: JSON.stringify(next.allowedMethods),
        sms_code_ttl_minutes: next.smsCodeTtlMinutes,
        lockout_threshold: next.lockoutThreshold,
        lockout_minutes: next.lockoutMinutes,
        session_idle_minutes: next.sessionIdleMinutes,
        session_lifetime_hours: next.sessionLifetimeHours,
        reset_checklist: JSON.stringify(next.resetChecklist),
        stale_after_days: next.staleAfterDays,
        sign_in_retention_days: next.signInRetentionDays,
        version: nextVersion,
        updated_at: ctx.now,
        updated_by: operator.id,
      })
      .where('company_id', '=', operator.companyId)
      .execute();
    await appendAudit(trx, {
      companyId: operator.companyId,
      when: ctx.moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.policyUpdate,
      targetId: null,
      targetEmail: null,
      before: pick(ctx.policy, changed),
      after: pick(next, changed),
      evidence: {
        changed,
        version: { from: version, to: nextVersion },
        warnings: policyWarnings(next, ctx.now).map((warning) => warning.code),
      },
    });
    return { changed };
  });
}
