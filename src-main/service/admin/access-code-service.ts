/**
 * Temporary access codes (R-RST-5, R-RST-6): after the verified checklist, helpdesk (or an admin on both tools)
 * issues a one-time code for a user who lost their device. The same gate as a reset decides (`verifiedTarget`:
 * refused for SSO, payments and inactive users with the same reasons and contacts); the code has 80 random bits, is
 * answered once and kept only as a keyed hash; issuing is audited with the checklist evidence. Used at sign-in it
 * replaces the challenge once and counts toward the lockout like any code (see challenges/).
 */
import type { AccessCodeIssued } from '../../../shared/api/routes/admin-access-codes';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import { isLocked } from '../../../shared/domain/lockout';
import { mayChangeSignInOf } from '../../../shared/domain/permissions';
import { ACCESS_CODE_BYTES, accessCodeExpiresAt, formatAccessCode, newAccessCode } from '../../../shared/domain/temporary-access-code';
import { appendAudit } from '../audit/append-audit';
import type { RandomSource } from '../auth/random-source';
import type { Clock } from '../clock';
import { ApiError } from '../http/api-error';
import { insertAccessCode, revokeAccessCodes, usableAccessCode } from '../repositories/access-codes-repo';
import type { Store } from '../store/store';
import { loadCompanyContext } from './company-context';
import { requireOperatorMay, type Operator } from './operator';
import { verifiedTarget, type ResetInput } from './reset-service';
import { findUserRow } from './user-detail';
import { domainUser } from './user-view';

type Deps = { store: Store; clock: Clock; random: RandomSource; codeKey: Buffer };

/** Issues a code for the user with exactly this email, after eligibility and the complete checklist. */
export async function issueAccessCode(deps: Deps, operator: Operator, input: ResetInput & { validHours: number }): Promise<AccessCodeIssued> {
  return deps.store.write(async (trx) => {
    const { ctx, found, evidence } = await verifiedTarget(trx, deps, operator, input, 'access_code');
    const { row, domain } = found;
    const code = newAccessCode(deps.random(ACCESS_CODE_BYTES));
    const expiresAt = accessCodeExpiresAt(ctx.now, input.validHours);
    const { replaced } = await insertAccessCode(trx, deps.codeKey, { userId: row.id, code, now: ctx.now, expiresAt, issuedBy: { id: operator.id, email: operator.email } });
    const locked = isLocked(domain, ctx.now);
    await appendAudit(trx, {
      companyId: operator.companyId,
      when: ctx.moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.mfaAccessCodeIssued,
      targetId: row.id,
      targetEmail: row.email,
      before: { usableAccessCodeUntil: found.accessCodeUntil },
      after: { usableAccessCodeUntil: expiresAt, validHours: input.validHours },
      evidence: { ...evidence, ...(input.note ? { note: input.note } : {}), replacedEarlierCode: replaced, lockedAtIssue: locked },
    });
    return {
      user: { id: row.id, email: row.email, name: row.name, timeZone: row.time_zone },
      code: formatAccessCode(code),
      issuedAt: ctx.now,
      expiresAt,
      replaced,
      lockedUntil: locked ? domain.lockedUntil : null,
    };
  });
}

/** Withdraws the code a user has not used yet; audited. Needs the same permission as issuing one. */
export async function revokeAccessCode(deps: Pick<Deps, 'store' | 'clock'>, operator: Operator, userId: string): Promise<{ revoked: boolean }> {
  requireOperatorMay(operator, 'issue_access_code');
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    const row = await findUserRow(trx, operator.companyId, userId);
    const target = domainUser(row, []);
    if (!mayChangeSignInOf(operator, target)) {
      throw new ApiError('forbidden', `${row.email} has permissions on the admin tools: only a company admin with Admin on both tools can change their temporary access code.`, {
        reason: 'admin_tool_user',
      });
    }
    const usable = await usableAccessCode(trx, row.id, ctx.now);
    if (!usable) return { revoked: false };
    await revokeAccessCodes(trx, row.id, ctx.now);
    await appendAudit(trx, {
      companyId: operator.companyId,
      when: ctx.moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.mfaAccessCodeRevoked,
      targetId: row.id,
      targetEmail: row.email,
      before: { usableAccessCodeUntil: Number(usable.expires_at) },
      after: { usableAccessCodeUntil: null },
    });
    return { revoked: true };
  });
}
