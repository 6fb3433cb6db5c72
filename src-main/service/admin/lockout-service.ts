/**
 * "Locked out?" triage (R-RST-4) and unlocking a locked-out user (R-AUTH-2). Triage needs any admin-tool access;
 * unlocking needs Admin on both tools, like a reset, and is refused for SSO and payments users (their MFA belongs
 * to their identity provider or to Payments support).
 */
import type { DirectoryUserDetail } from '../../../shared/api/routes/admin-common';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { TriageResult } from '../../../shared/api/routes/admin-reset';
import { isSsoUser } from '../../../shared/domain/directory';
import { isLocked } from '../../../shared/domain/lockout';
import { isPaymentsUser } from '../../../shared/domain/model';
import { canResetMfa } from '../../../shared/domain/permissions';
import { resetEligibility } from '../../../shared/domain/reset-eligibility';
import { lockedOutTriage } from '../../../shared/domain/triage';
import { appendAudit } from '../audit/append-audit';
import type { Clock } from '../clock';
import { ApiError } from '../http/api-error';
import type { Store } from '../store/store';
import { loadCompanyContext } from './company-context';
import { requireAdminOnBoth, type Operator } from './operator';
import { contactView, findByExactEmail } from './reset-target';
import { detailOf, findUserRow } from './user-detail';
import { domainUser } from './user-view';
import { reserveChangeSeqs } from './user-writes';

type Deps = { store: Store; clock: Clock };

/** Who can help the caller with this email, and whether this operator can act here. */
export async function triage(deps: Deps, operator: Operator, email: string): Promise<TriageResult> {
  const ctx = await loadCompanyContext(deps.store.db, deps.clock, operator.companyId);
  const found = await findByExactEmail(deps.store.db, operator.companyId, email);
  const answer = lockedOutTriage({ user: found?.domain ?? null, company: ctx.company, policy: ctx.policy, hasRecoveryCode: found?.hasRecoveryCode ?? false, now: ctx.now });
  const helper = answer.helper;
  const contact = helper === 'self_service' || helper === 'unknown' ? null : contactView(helper);
  if (!found) {
    return { ...answer, tips: [...answer.tips], contact, canResetHere: false, canUnlockHere: false, user: null };
  }
  const user = found.domain;
  const locked = isLocked(user, ctx.now);
  const sso = isSsoUser(user.email, ctx.company);
  return {
    ...answer,
    tips: [...answer.tips],
    contact,
    canResetHere: resetEligibility({ operator, target: user, company: ctx.company, policy: ctx.policy }).eligible,
    canUnlockHere: locked && canResetMfa(operator) && !sso && !isPaymentsUser(user),
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      status: user.status,
      accountType: user.accountType,
      sso,
      methods: [...user.methods],
      hasRecoveryCode: found.hasRecoveryCode,
      lockedUntil: user.lockedUntil,
      locked,
    },
  };
}

/** Ends a user's MFA lockout and clears the failure count; audited. */
export async function unlockUser(deps: Deps, operator: Operator, userId: string): Promise<DirectoryUserDetail> {
  requireAdminOnBoth(operator, 'Unlocking a user’s MFA');
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    const row = await findUserRow(trx, operator.companyId, userId);
    const user = domainUser(row, []);
    if (isSsoUser(user.email, ctx.company)) {
      throw new ApiError('unprocessable', `${user.email} signs in through your identity provider, which runs their MFA. Your IT department must help them.`, {
        reason: 'sso_user',
        contact: contactView('it_department'),
      });
    }
    if (isPaymentsUser(user)) {
      throw new ApiError('unprocessable', `${user.email} is a payments user: only Payments support can help with their MFA.`, {
        reason: 'payments_user',
        contact: contactView('payments_support'),
      });
    }
    if (!isLocked(user, ctx.now)) {
      throw new ApiError('unprocessable', `${user.email} is not locked out, so there is nothing to unlock. If they cannot sign in, try the "Locked out?" triage.`, {
        reason: 'not_locked',
      });
    }
    const changeSeq = await reserveChangeSeqs(trx, 1);
    await trx.updateTable('users').set({ failed_attempts: 0, locked_until: null, updated_at: ctx.now, change_seq: changeSeq }).where('id', '=', row.id).execute();
    await appendAudit(trx, {
      companyId: operator.companyId,
      when: ctx.moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.mfaUnlock,
      targetId: row.id,
      targetEmail: row.email,
      before: { failedAttempts: user.failedAttempts, lockedUntil: user.lockedUntil },
      after: { failedAttempts: 0, lockedUntil: null },
    });
    return detailOf(trx, { ...row, failed_attempts: 0, locked_until: null, updated_at: ctx.now, change_seq: changeSeq }, ctx.company, ctx.now);
  });
}
