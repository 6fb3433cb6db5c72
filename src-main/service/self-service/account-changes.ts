/**
 * Self-service changes that are not a method set-up: a new recovery code after verification (voids the old one,
 * R-REC-2) and the "Always require 2FA" opt-in (R-AUTH-3). Both are audited.
 */
import { alwaysRequireToggle, type AlwaysRequireToggle } from '../../../shared/domain/enforcement';
import { appendAudit } from '../audit/append-audit';
import { selfAuditEntry } from '../audit/self-entry';
import type { SessionRow } from '../auth/authenticator';
import { ApiError } from '../http/api-error';
import { issueRecoveryCode, type IssuedRecoveryCode } from '../recovery/issue-recovery-code';
import type { UserContext } from '../repositories/user-context';
import { updateUserMfa } from '../repositories/users-repo';
import type { ServiceContext } from '../service-context';
import { requireRecentVerification } from './verification';

function requireEnrolled(uc: UserContext): void {
  if (uc.methods.length === 0) {
    throw new ApiError('conflict', 'Set up an authenticator app or a phone first.', { reason: 'not_enrolled' });
  }
}

/** Issues a new recovery code after a recent verification. */
export async function renewRecoveryCode(ctx: ServiceContext, uc: UserContext, session: SessionRow): Promise<IssuedRecoveryCode> {
  requireEnrolled(uc);
  requireRecentVerification(uc, session);
  return ctx.store.write(async (trx) => {
    const issued = await issueRecoveryCode(trx, ctx.mfa.random, uc.user.id, uc.now);
    await appendAudit(trx, selfAuditEntry(uc.user, uc.moment, 'mfa.recovery_code_renewed', {
      evidence: { context: 'self_service', hadCode: uc.hasRecoveryCode },
    }));
    return issued;
  });
}

/** Turns "Always require 2FA to log into my account" on or off, when it is the user's choice. */
export async function setAlwaysRequire(ctx: ServiceContext, uc: UserContext, on: boolean): Promise<AlwaysRequireToggle> {
  const toggle = alwaysRequireToggle(uc.domainUser, uc.policy, uc.company, uc.now);
  if (toggle.kind === 'locked_on') {
    const why = toggle.reason === 'company_policy' ? 'your company requires two-factor authentication' : 'payments accounts always need it';
    throw new ApiError('forbidden', `This setting stays on because ${why}.`, { reason: toggle.reason });
  }
  if (toggle.kind === 'not_applicable') {
    throw new ApiError('forbidden', "Your company's identity provider runs your sign-in, so this setting does not apply.", { reason: 'sso' });
  }
  if (on) requireEnrolled(uc);
  if (toggle.on !== on) {
    await ctx.store.write(async (trx) => {
      await updateUserMfa(trx, uc.user.id, { always_require_mfa: on ? 1 : 0 }, uc.now);
      await appendAudit(trx, selfAuditEntry(uc.user, uc.moment, 'mfa.always_require_changed', {
        before: { alwaysRequire: toggle.on },
        after: { alwaysRequire: on },
      }));
    });
  }
  return { kind: 'editable', on };
}
