/**
 * "Locked out?" triage (R-RST-4) and unlocking a locked-out user (R-AUTH-2). Triage needs any admin-tool access;
 * unlocking follows `unlockRefusal`: the Helpdesk permission or Admin on both tools (R-RST-5), and never for SSO and
 * payments users (their MFA belongs to their identity provider or to Payments support).
 */
import type { DirectoryUserDetail } from '../../../shared/api/routes/admin-common';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { TriageResult } from '../../../shared/api/routes/admin-reset';
import { accountAccess } from '../../../shared/domain/account-access';
import { isSsoUser } from '../../../shared/domain/directory';
import { isLocked } from '../../../shared/domain/lockout';
import { resetEligibility } from '../../../shared/domain/reset-eligibility';
import { lockedOutTriage } from '../../../shared/domain/triage';
import { unlockRefusal, type UnlockRefusal } from '../../../shared/domain/unlock-eligibility';
import type { ApiErrorCode } from '../../../shared/api/define';
import { appendAudit } from '../audit/append-audit';
import type { Clock } from '../clock';
import { ApiError } from '../http/api-error';
import type { Store } from '../store/store';
import { loadCompanyContext } from './company-context';
import type { Operator } from './operator';
import { contactView, findByExactEmail } from './reset-target';
import { detailOf, findUserRow } from './user-detail';
import { domainUser } from './user-view';
import { reserveChangeSeqs } from './user-writes';

type Deps = { store: Store; clock: Clock };

/** The helpdesk's zone: the one the console sent, else the operator's own zone in the directory. */
export async function viewerZoneOf(deps: Deps, operator: Operator, sent: string | undefined): Promise<string> {
  return sent ?? (await findUserRow(deps.store.db, operator.companyId, operator.id)).time_zone;
}

/** Who can help the caller with this email, and whether this operator can act here; lock times in `timeZone`. */
export async function triage(deps: Deps, operator: Operator, request: { email: string; timeZone?: string | undefined }): Promise<TriageResult> {
  const ctx = await loadCompanyContext(deps.store.db, deps.clock, operator.companyId);
  const found = await findByExactEmail(deps.store.db, operator.companyId, request.email, ctx.now);
  const access = found
    ? accountAccess(
        {
          sso: isSsoUser(found.row.email, ctx.company),
          passwordSetAt: found.row.password_set_at === null ? null : Number(found.row.password_set_at),
          invitedAt: found.row.invited_at === null ? null : Number(found.row.invited_at),
          invitationExpiresAt: found.row.invitation_expires_at === null ? null : Number(found.row.invitation_expires_at),
        },
        ctx.now,
      )
    : undefined;
  const answer = lockedOutTriage({
    user: found?.domain ?? null,
    company: ctx.company,
    policy: ctx.policy,
    hasRecoveryCode: found?.hasRecoveryCode ?? false,
    accessCodeUntil: found?.accessCodeUntil ?? null,
    now: ctx.now,
    ...(access ? { access, invitationExpiresAt: found?.row.invitation_expires_at === null ? null : Number(found?.row.invitation_expires_at) } : {}),
    viewerZone: await viewerZoneOf(deps, operator, request.timeZone),
  });
  const helper = answer.helper;
  const contact = helper === 'self_service' || helper === 'unknown' ? null : contactView(helper);
  if (!found) {
    return { ...answer, tips: [...answer.tips], contact, canResetHere: false, canUnlockHere: false, canIssueCodeHere: false, user: null };
  }
  const user = found.domain;
  const eligible = (action: 'reset' | 'access_code') => resetEligibility({ operator, target: user, company: ctx.company, policy: ctx.policy, action }).eligible;
  return {
    ...answer,
    tips: [...answer.tips],
    contact,
    canResetHere: eligible('reset'),
    canUnlockHere: unlockRefusal(operator, user, ctx.company, ctx.now) === null,
    canIssueCodeHere: eligible('access_code'),
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      status: user.status,
      accountType: user.accountType,
      sso: isSsoUser(user.email, ctx.company),
      methods: [...user.methods],
      hasRecoveryCode: found.hasRecoveryCode,
      timeZone: user.timeZone,
      lockedUntil: user.lockedUntil,
      locked: isLocked(user, ctx.now),
      accessCodeUntil: found.accessCodeUntil,
    },
  };
}

const UNLOCK_REFUSAL_CODE: Record<UnlockRefusal, ApiErrorCode> = {
  operator_lacks_permission: 'forbidden',
  admin_tool_user: 'forbidden',
  sso_user: 'unprocessable',
  payments_user: 'unprocessable',
  not_locked: 'unprocessable',
};

/** Ends a user's MFA lockout and clears the failure count; audited with before/after. */
export async function unlockUser(deps: Deps, operator: Operator, userId: string): Promise<DirectoryUserDetail> {
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    const row = await findUserRow(trx, operator.companyId, userId);
    const user = domainUser(row, []);
    const refusal = unlockRefusal(operator, user, ctx.company, ctx.now);
    if (refusal !== null) {
      throw new ApiError(UNLOCK_REFUSAL_CODE[refusal.reason], refusal.message, { reason: refusal.reason, ...(refusal.contact ? { contact: contactView(refusal.contact) } : {}) });
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
