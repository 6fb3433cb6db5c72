/**
 * Re-verification for changes to an enrolled account (R-AUTH-3, R-REC-2): a code from one of the user's methods
 * (or the sign-in challenge itself) allows changes for a few minutes. Changing the phone needs a code sent to the
 * current phone (R-SMS-2). Adding a method (an app or a phone the user does not have yet) needs the current password
 * typed again, as the guide's "Add Authenticator App" and "Add Phone Number" steps say.
 */
import type { SmsSent } from '../../../shared/api/routes/mfa-common';
import type { MethodKind } from '../../../shared/domain/model';
import type { SessionRow } from '../auth/authenticator';
import { verifyPassword } from '../auth/password';
import { assertNotLocked, attemptCode } from '../challenges/attempt';
import { requireUsableMethod, usableMethods } from '../challenges/challenge-options';
import { canonicalCode } from '../challenges/factor-check';
import { ApiError } from '../http/api-error';
import { parseFlow, updateSession } from '../repositories/sessions-repo';
import type { UserContext } from '../repositories/user-context';
import type { ServiceContext } from '../service-context';
import { sendSmsCode } from '../sms/send-code';

/** Minutes a verification allows changes for. */
export const VERIFICATION_VALID_MINUTES = 10;
const WINDOW_MS = VERIFICATION_VALID_MINUTES * 60_000;

function until(at: number | null | undefined, now: number): number | null {
  if (at === null || at === undefined) return null;
  const end = Number(at) + WINDOW_MS;
  return end > now ? end : null;
}

/** Until when the session may change MFA without verifying again (null: verify first). */
export function verifiedUntil(session: SessionRow, now: number): number | null {
  return until(session.mfa_at, now);
}

/** Until when the session may change the phone without a new code to the current one (null: send one first). */
export function phoneVerifiedUntil(session: SessionRow, now: number): number | null {
  return until(parseFlow(session.flow).phoneVerifiedAt, now);
}

/** Until when the session may add a method without typing the password again (null: type it first). */
export function passwordConfirmedUntil(session: SessionRow, now: number): number | null {
  return until(parseFlow(session.flow).passwordConfirmedAt, now);
}

/** Throws 403 `confirm_password` when adding a method of `kind` the user lacks, without a recent password. */
export function requirePasswordToAdd(uc: UserContext, session: SessionRow, kind: MethodKind): void {
  if (uc.methods.some((method) => method.kind === kind)) return;
  if (passwordConfirmedUntil(session, uc.now) !== null) return;
  throw new ApiError('forbidden', 'For your security, type your current password before adding a way to verify, then try again.', {
    reason: 'confirm_password',
  });
}

/** Checks the current password (scrypt, same cost whatever the outcome) and records the confirmation. */
export async function confirmPassword(ctx: ServiceContext, uc: UserContext, session: SessionRow, password: string): Promise<{ passwordConfirmedUntil: number }> {
  if (!(await verifyPassword(password, uc.user.password_hash))) {
    throw new ApiError('unprocessable', 'That is not your current password. Type it again, exactly as you sign in with it.', { reason: 'wrong_password' });
  }
  await ctx.store.write((trx) => updateSession(trx, session.id, { flow: { ...parseFlow(session.flow), passwordConfirmedAt: uc.now } }));
  return { passwordConfirmedUntil: uc.now + WINDOW_MS };
}

/** Throws 403 `verify_first` unless the user has nothing to verify with or verified recently. */
export function requireRecentVerification(uc: UserContext, session: SessionRow): void {
  if (usableMethods(uc).length === 0 || verifiedUntil(session, uc.now) !== null) return;
  throw new ApiError('forbidden', 'For your security, verify it is you first with a code from your authenticator app or phone, then try again.', {
    reason: 'verify_first',
  });
}

/** Throws 403 `verify_current_phone` unless a code sent to the current phone was entered recently (R-SMS-2). */
export function requireCurrentPhoneVerified(uc: UserContext, session: SessionRow): void {
  const hasPhone = usableMethods(uc).some((method) => method.kind === 'sms');
  if (!hasPhone) return requireRecentVerification(uc, session);
  if (phoneVerifiedUntil(session, uc.now) !== null) return;
  throw new ApiError('forbidden', 'To change your phone number, first enter the code sent to your current number.', {
    reason: 'verify_current_phone',
  });
}

/** Sends a verification code to the user's current phone. */
export async function sendVerificationSms(ctx: ServiceContext, uc: UserContext): Promise<SmsSent> {
  assertNotLocked(uc);
  const method = requireUsableMethod(uc, 'sms');
  return sendSmsCode(ctx, uc, 'step_up', method.phone_e164 ?? '');
}

/** Checks a code from one of the user's methods (counted towards the lockout) and records the verification. */
export async function verifyMe(
  ctx: ServiceContext,
  uc: UserContext,
  session: SessionRow,
  answer: { method: MethodKind; code: string; ip: string },
): Promise<{ verifiedUntil: number; method: MethodKind }> {
  const method = requireUsableMethod(uc, answer.method);
  const code = canonicalCode(answer.method, answer.code);
  const target =
    answer.method === 'totp'
      ? { kind: 'totp' as const, methodId: method.id }
      : { kind: 'sms' as const, purpose: 'step_up' as const, phoneE164: method.phone_e164 ?? '' };
  await attemptCode(ctx, uc, { target, code, ip: answer.ip }, async (trx) => {
    const flow = answer.method === 'sms' ? { ...parseFlow(session.flow), phoneVerifiedAt: uc.now } : undefined;
    await updateSession(trx, session.id, { mfaAt: uc.now, ...(flow ? { flow } : {}) });
  });
  return { verifiedUntil: uc.now + WINDOW_MS, method: answer.method };
}
