/**
 * Verified MFA resets (R-RST-1..3): eligibility with each refusal's reason and contact, then the reset itself —
 * every method, the recovery code hash, pending SMS codes and sessions go, the lockout clears, and the user enrolls
 * again at the next sign-in. The checklist the operator confirmed is stored as evidence in the audit log.
 */
import type { ResetEligibility, ResetResult } from '../../../shared/api/routes/admin-reset';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import { resetEligibility, type ResetRefusal } from '../../../shared/domain/reset-eligibility';
import { resetEvidence } from '../../../shared/domain/reset-evidence';
import type { ApiErrorCode } from '../../../shared/api/define';
import { appendAudit } from '../audit/append-audit';
import type { Clock } from '../clock';
import { ApiError } from '../http/api-error';
import type { Store } from '../store/store';
import { loadCompanyContext, type CompanyContext } from './company-context';
import type { Operator } from './operator';
import { contactView, findByExactEmail, resetTargetView, type FoundUser } from './reset-target';
import { endSessions, reserveChangeSeqs } from './user-writes';

type Deps = { store: Store; clock: Clock };

function eligibilityOf(operator: Operator, found: FoundUser | null, ctx: CompanyContext): ResetEligibility {
  const result = resetEligibility({ operator, target: found?.domain ?? null, company: ctx.company, policy: ctx.policy });
  if (result.eligible && found) {
    return { eligible: true, user: resetTargetView(found), checklist: ctx.policy.resetChecklist.map((item) => ({ ...item })) };
  }
  if (result.eligible) throw new Error('Eligibility without a target');
  const hideTarget = result.reason === 'operator_lacks_permission';
  return {
    eligible: false,
    reason: result.reason,
    message: result.message,
    contact: contactView(result.contact),
    user: found && !hideTarget ? resetTargetView(found) : null,
  };
}

/** May `operator` reset the MFA of the user with exactly this email? */
export async function checkResetEligibility(deps: Deps, operator: Operator, email: string): Promise<ResetEligibility> {
  const ctx = await loadCompanyContext(deps.store.db, deps.clock, operator.companyId);
  return eligibilityOf(operator, await findByExactEmail(deps.store.db, operator.companyId, email), ctx);
}

const REFUSAL_CODE: Record<ResetRefusal, ApiErrorCode> = {
  operator_lacks_permission: 'forbidden',
  not_in_directory: 'not_found',
  sso_user: 'unprocessable',
  payments_user: 'unprocessable',
  own_account: 'unprocessable',
  mfa_not_enforced: 'unprocessable',
};

/** The reset request, parsed. */
export interface ResetInput {
  readonly email: string;
  readonly checks: readonly string[];
  readonly verified: boolean;
  readonly note?: string | undefined;
}

/** Resets the MFA of the user with exactly this email, after eligibility and the complete checklist. */
export async function resetMfa(deps: Deps, operator: Operator, input: ResetInput): Promise<ResetResult> {
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    const found = await findByExactEmail(trx, operator.companyId, input.email);
    const eligibility = eligibilityOf(operator, found, ctx);
    if (!eligibility.eligible) {
      throw new ApiError(REFUSAL_CODE[eligibility.reason], eligibility.message, { reason: eligibility.reason, contact: eligibility.contact });
    }
    if (!found) throw new Error('Eligible reset without a target');
    const checked = resetEvidence(ctx.policy, { checkedIds: input.checks, confirmed: input.verified });
    if (!checked.ok) throw new ApiError(checked.reason === 'unknown_check' ? 'conflict' : 'bad_request', checked.message, { reason: checked.reason });
    const missing = checked.evidence.checks.filter((check) => !check.checked);
    if (missing.length > 0) {
      throw new ApiError(
        'unprocessable',
        `Complete every identity check before resetting. Still to do: ${missing.map((check) => check.label).join('; ')}.`,
        { reason: 'checklist_incomplete', missing: missing.map((check) => check.id) },
      );
    }
    const { row, domain } = found;
    const pending = await trx
      .selectFrom('mfa_methods')
      .select('id')
      .where('user_id', '=', row.id)
      .where('confirmed_at', 'is', null)
      .execute();
    await trx.deleteFrom('mfa_methods').where('user_id', '=', row.id).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', row.id).execute();
    await trx.updateTable('sms_codes').set({ voided_at: ctx.now }).where('user_id', '=', row.id).where('used_at', 'is', null).where('voided_at', 'is', null).execute();
    const sessionsEnded = await endSessions(trx, [row.id], ctx.now);
    const lockoutCleared = domain.failedAttempts > 0 || domain.lockedUntil !== null;
    const changeSeq = await reserveChangeSeqs(trx, 1);
    await trx
      .updateTable('users')
      .set({ enrolled_at: null, failed_attempts: 0, locked_until: null, updated_at: ctx.now, change_seq: changeSeq })
      .where('id', '=', row.id)
      .execute();
    const removed = { methods: [...domain.methods], pendingMethods: pending.length, recoveryCode: found.hasRecoveryCode, sessionsEnded, lockoutCleared };
    await appendAudit(trx, {
      companyId: operator.companyId,
      when: ctx.moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.mfaReset,
      targetId: row.id,
      targetEmail: row.email,
      before: { methods: domain.methods, hasRecoveryCode: found.hasRecoveryCode, enrolledAt: domain.enrolledAt, failedAttempts: domain.failedAttempts, lockedUntil: domain.lockedUntil },
      after: { methods: [], hasRecoveryCode: false, enrolledAt: null, failedAttempts: 0, lockedUntil: null },
      evidence: { ...checked.evidence, ...(input.note ? { note: input.note } : {}), removed },
    });
    return { user: { id: row.id, email: row.email, name: row.name }, removed, at: ctx.now };
  });
}
