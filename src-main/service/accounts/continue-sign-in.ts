/**
 * After a password was set from a link, the sign-in goes on as after the password step of R-AUTH-1: set-up for a
 * user without MFA (required or optional as the policy says), the usual challenge for an enrolled one. A link
 * therefore never replaces the second factor. Where it leads is a sign-in attempt (R-LOG-1), recorded like the
 * password step's, with how the password came to be set.
 */
import type { FastifyRequest } from 'fastify';
import type { PasswordSet } from '../../../shared/api/routes/accounts';
import { passwordStepOutcome } from '../activity/attempt-outcomes';
import type { AttemptOutcome } from '../activity/record-sign-in';
import { domainStep, nextFromStep } from '../auth/sign-in-next';
import { localTime } from '../mail/mail-content';
import { ApiError } from '../http/api-error';
import { createSession, type SessionStage } from '../repositories/sessions-repo';
import { requireUserContext } from '../repositories/user-context';
import { updateUserMfa } from '../repositories/users-repo';
import type { ServiceContext } from '../service-context';
import type { PasswordVia } from './password-change';

/** The request that set the password, for the sign-in activity. */
export interface LinkAttempt {
  readonly request: FastifyRequest;
  readonly via: PasswordVia;
}

const VIA_WORDS: Readonly<Record<PasswordVia, string>> = {
  invitation: 'Password set from the invitation link.',
  password_reset: 'Password reset from the emailed link.',
};

/** The sign-in's next step with a session token, or a notice when it cannot go on yet; recorded when `attempt` is given. */
export async function continueSignIn(ctx: ServiceContext, userId: string, attempt?: LinkAttempt): Promise<PasswordSet> {
  const uc = await requireUserContext(ctx.store.db, ctx.clock, userId);
  const answer = await nextAfterLink(ctx, uc);
  if (attempt) {
    const what = answer.outcome ?? { outcome: 'signed_in' as const };
    await ctx.signIns.record(
      { email: uc.user.email, user: { id: uc.user.id, companyId: uc.user.company_id }, method: 'password', request: attempt.request },
      { ...what, detail: what.detail ? `${VIA_WORDS[attempt.via]} ${what.detail}` : VIA_WORDS[attempt.via] },
    );
  }
  return answer.set;
}

async function nextAfterLink(ctx: ServiceContext, uc: Awaited<ReturnType<typeof requireUserContext>>): Promise<{ set: PasswordSet; outcome: AttemptOutcome | null }> {
  const step = domainStep(uc);
  if (step.step === 'inactive') return { set: { signIn: null, notice: step.message }, outcome: { outcome: 'inactive', detail: step.message } };
  if (step.step === 'sso') {
    return { set: { signIn: { token: null, user: null, next: { step: 'sso', message: step.message } }, notice: null }, outcome: { outcome: 'sso_redirect', detail: step.message } };
  }
  if (step.step === 'locked') {
    const notice = `Your password is set. Two-factor verification is locked after too many wrong codes until ${localTime(step.lockedUntil, uc.user.time_zone)}; sign in after that.`;
    return { set: { signIn: null, notice }, outcome: { outcome: 'locked', detail: notice } };
  }
  let next;
  try {
    next = nextFromStep(uc, step);
  } catch (error) {
    if (error instanceof ApiError) return { set: { signIn: null, notice: `Your password is set. ${error.message}` }, outcome: { outcome: 'no_method', detail: error.message } };
    throw error;
  }
  const stage: SessionStage = next.step === 'challenge' ? 'challenge' : next.step === 'signed_in' ? 'active' : 'setup';
  const token = await ctx.store.write(async (trx) => {
    if (stage === 'active') await updateUserMfa(trx, uc.user.id, { last_sign_in_at: uc.now }, uc.now);
    return createSession(trx, { userId: uc.user.id, stage, now: uc.now, mfaAt: null });
  });
  const signIn = { token, user: { id: uc.user.id, email: uc.user.email, name: uc.user.name }, next };
  return { set: { signIn, notice: null }, outcome: passwordStepOutcome(signIn) };
}
