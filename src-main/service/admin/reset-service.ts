/**
 * Verified MFA resets (R-RST-1..3): eligibility with each refusal's reason and contact, then the reset itself —
 * every method, the recovery code hash, pending SMS codes and sessions go, the lockout clears, and the user enrolls
 * again at the next sign-in. The checklist the operator confirmed is stored as evidence in the audit log.
 */
import type { ResetEligibility, ResetResult } from '../../../shared/api/routes/admin-reset';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import { resetEligibility, type ResetRefusal, type VerifiedAction } from '../../../shared/domain/reset-eligibility';
import { resetEvidence, type ResetEvidence } from '../../../shared/domain/reset-evidence';
import { unlockRefusal } from '../../../shared/domain/unlock-eligibility';
import type { ApiErrorCode } from '../../../shared/api/define';
import { appendAudit } from '../audit/append-audit';
import type { Clock } from '../clock';
import { ApiError } from '../http/api-error';
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema';
import type { Store } from '../store/store';
import { loadCompanyContext, type CompanyContext } from './company-context';
import { viewerZoneOf } from './lockout-service';
import type { Operator } from './operator';
import { contactView, findByExactEmail, resetTargetView, type FoundUser } from './reset-target';
import { revokeAccessCodes } from '../repositories/access-codes-repo';
import { endSessions, reserveChangeSeqs } from './user-writes';

type Deps = { store: Store; clock: Clock };

/** Whether `operator` may take `action` for the found user, with the user as the screen shows them. */
function eligibilityOf(operator: Operator, found: FoundUser | null, ctx: CompanyContext, viewerZone: string, action: VerifiedAction): ResetEligibility {
  const result = resetEligibility({ operator, target: found?.domain ?? null, company: ctx.company, policy: ctx.policy, action });
  const canUnlockHere = found !== null && unlockRefusal(operator, found.domain, ctx.company, ctx.now) === null;
  if (result.eligible && found) {
    return { eligible: true, user: resetTargetView(found, ctx.now, viewerZone, ctx.company), checklist: ctx.policy.resetChecklist.map((item) => ({ ...item })), canUnlockHere };
  }
  if (result.eligible) throw new Error('Eligibility without a target');
  const hideTarget = result.reason === 'operator_lacks_permission';
  return {
    eligible: false,
    reason: result.reason,
    message: result.message,
    contact: contactView(result.contact),
    user: found && !hideTarget ? resetTargetView(found, ctx.now, viewerZone, ctx.company) : null,
    canUnlockHere: canUnlockHere && !hideTarget,
  };
}

/**
 * May `operator` reset the MFA of the user with exactly this email (or, with `action`, issue them a temporary access
 * code)? Lock times in `timeZone`.
 */
export async function checkResetEligibility(
  deps: Deps,
  operator: Operator,
  request: { email: string; timeZone?: string | undefined },
  action: VerifiedAction = 'reset',
): Promise<ResetEligibility> {
  const ctx = await loadCompanyContext(deps.store.db, deps.clock, operator.companyId);
  const found = await findByExactEmail(deps.store.db, operator.companyId, request.email, ctx.now);
  return eligibilityOf(operator, found, ctx, await viewerZoneOf(deps, operator, request.timeZone), action);
}

const REFUSAL_CODE: Record<ResetRefusal, ApiErrorCode> = {
  operator_lacks_permission: 'forbidden',
  not_in_directory: 'not_found',
  sso_user: 'unprocessable',
  payments_user: 'unprocessable',
  own_account: 'unprocessable',
  admin_tool_user: 'forbidden',
  inactive_user: 'unprocessable',
  not_enrolled: 'unprocessable',
  mfa_not_enforced: 'unprocessable',
};

/** The reset request, parsed. */
export interface ResetInput {
  readonly email: string;
  readonly checks: readonly string[];
  readonly values?: Readonly<Record<string, string>> | undefined;
  readonly verified: boolean;
  readonly note?: string | undefined;
}

/** The target of a verified action, checked inside its write: eligible, with every identity check done. */
export interface VerifiedTarget {
  readonly ctx: CompanyContext;
  readonly found: FoundUser;
  readonly evidence: ResetEvidence;
}

/**
 * Checks, inside the action's write, that `operator` may take `action` for the user with exactly this email and
 * that every identity check was done (with what the checks record): the one gate of resets and temporary access
 * codes (R-RST-1..3, R-RST-6). Throws the refusal with its reason and whom to contact.
 */
export async function verifiedTarget(trx: Transaction<Database>, deps: Deps, operator: Operator, input: ResetInput, action: VerifiedAction): Promise<VerifiedTarget> {
  const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
  const found = await findByExactEmail(trx, operator.companyId, input.email, ctx.now);
  // Only the decision matters here; the zone would only word a lock for the screen.
  const eligibility = eligibilityOf(operator, found, ctx, ctx.policy.deadlineZone, action);
  if (!eligibility.eligible) {
    throw new ApiError(REFUSAL_CODE[eligibility.reason], eligibility.message, { reason: eligibility.reason, contact: eligibility.contact });
  }
  if (!found) throw new Error('Eligible action without a target');
  const checked = resetEvidence(ctx.policy, { checkedIds: input.checks, values: input.values ?? {}, confirmed: input.verified }, action);
  if (!checked.ok) {
    const code = checked.reason === 'unknown_check' ? 'conflict' : checked.reason === 'value_missing' ? 'unprocessable' : 'bad_request';
    throw new ApiError(code, checked.message, { reason: checked.reason, ...(checked.missing ? { missing: checked.missing } : {}) });
  }
  const missing = checked.evidence.checks.filter((check) => !check.checked);
  if (missing.length > 0) {
    const before = action === 'reset' ? 'resetting' : 'issuing a temporary access code';
    throw new ApiError('unprocessable', `Complete every identity check before ${before}. Still to do: ${missing.map((check) => check.label).join('; ')}.`, {
      reason: 'checklist_incomplete',
      missing: missing.map((check) => check.id),
    });
  }
  return { ctx, found, evidence: checked.evidence };
}

/** Resets the MFA of the user with exactly this email, after eligibility and the complete checklist. */
export async function resetMfa(deps: Deps, operator: Operator, input: ResetInput): Promise<ResetResult> {
  return deps.store.write(async (trx) => {
    const { ctx, found, evidence } = await verifiedTarget(trx, deps, operator, input, 'reset');
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
    await revokeAccessCodes(trx, row.id, ctx.now);
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
      evidence: { ...evidence, ...(input.note ? { note: input.note } : {}), removed },
    });
    return { user: { id: row.id, email: row.email, name: row.name }, removed, at: ctx.now };
  });
}
