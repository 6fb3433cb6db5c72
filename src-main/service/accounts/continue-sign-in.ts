/**
 * After a password was set from a link, the sign-in goes on as after the password step of R-AUTH-1: set-up for a
 * user without MFA (required or optional as the policy says), the usual challenge for an enrolled one. A link
 * therefore never replaces the second factor.
 */
import type { PasswordSet } from '../../../shared/api/routes/accounts';
import { domainStep, nextFromStep } from '../auth/sign-in-next';
import { localTime } from '../mail/mail-content';
import { ApiError } from '../http/api-error';
import { createSession, type SessionStage } from '../repositories/sessions-repo';
import { requireUserContext } from '../repositories/user-context';
import { updateUserMfa } from '../repositories/users-repo';
import type { ServiceContext } from '../service-context';

/** The sign-in's next step with a session token, or a notice when it cannot go on yet. */
export async function continueSignIn(ctx: ServiceContext, userId: string): Promise<PasswordSet> {
  const uc = await requireUserContext(ctx.store.db, ctx.clock, userId);
  const step = domainStep(uc);
  if (step.step === 'inactive') return { signIn: null, notice: step.message };
  if (step.step === 'sso') return { signIn: { token: null, user: null, next: { step: 'sso', message: step.message } }, notice: null };
  if (step.step === 'locked') {
    return {
      signIn: null,
      notice: `Your password is set. Two-factor verification is locked after too many wrong codes until ${localTime(step.lockedUntil, uc.user.time_zone)}; sign in after that.`,
    };
  }
  let next;
  try {
    next = nextFromStep(uc, step);
  } catch (error) {
    if (error instanceof ApiError) return { signIn: null, notice: `Your password is set. ${error.message}` };
    throw error;
  }
  const stage: SessionStage = next.step === 'challenge' ? 'challenge' : next.step === 'signed_in' ? 'active' : 'setup';
  const token = await ctx.store.write(async (trx) => {
    if (stage === 'active') await updateUserMfa(trx, uc.user.id, { last_sign_in_at: uc.now }, uc.now);
    return createSession(trx, { userId: uc.user.id, stage, now: uc.now, mfaAt: null });
  });
  return { signIn: { token, user: { id: uc.user.id, email: uc.user.email, name: uc.user.name }, next }, notice: null };
}
