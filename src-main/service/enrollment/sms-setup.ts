/**
 * Text-message set-up (R-SMS-1, R-POL-6, R-PAY-1): only for users SMS is offered to, only to a mobile number of an
 * allowed country (payee admins: US only); a code goes to the number, and the number is confirmed with it.
 */
import type { Transaction } from 'kysely';
import type { SmsSent } from '../../../shared/api/routes/mfa-common';
import { methodOptions } from '../../../shared/domain/methods';
import { checkPhoneForUser } from '../../../shared/domain/phone';
import { confirmSetupCode } from '../challenges/attempt';
import { canonicalCode } from '../challenges/factor-check';
import { ApiError } from '../http/api-error';
import type { IssuedRecoveryCode } from '../recovery/issue-recovery-code';
import { insertPendingMethod, pendingMethod } from '../repositories/methods-repo';
import type { UserContext } from '../repositories/user-context';
import type { ServiceContext } from '../service-context';
import { sendSmsCode } from '../sms/send-code';
import type { Database } from '../store/schema';
import { completeEnrollment } from './complete-enrollment';

/** Throws 403 with the reason in plain words when text messages are not offered to this user. */
export function assertSmsOffered(uc: UserContext): void {
  const sms = methodOptions(uc.domainUser, uc.policy).find((option) => option.kind === 'sms');
  if (sms && !sms.available) throw new ApiError('forbidden', sms.message, { reason: sms.reason });
}

/** Checks the number and sends it a set-up code; the number waits, unconfirmed, for that code. */
export async function startSmsSetup(ctx: ServiceContext, uc: UserContext, phone: string): Promise<SmsSent> {
  assertSmsOffered(uc);
  const checked = checkPhoneForUser(phone, uc.domainUser);
  if (!checked.ok) throw new ApiError('unprocessable', checked.message, { reason: checked.reason });
  return sendSmsCode(ctx, uc, 'enroll', checked.e164, (trx) =>
    insertPendingMethod(trx, { userId: uc.user.id, kind: 'sms', secretSealed: null, phoneE164: checked.e164, now: uc.now }),
  );
}

async function requirePendingPhone(ctx: ServiceContext, uc: UserContext): Promise<{ id: string; phone: string }> {
  const pending = await pendingMethod(ctx.store.db, uc.user.id, 'sms');
  if (!pending?.phone_e164) {
    throw new ApiError('conflict', 'Enter your mobile number first; a code is then sent to it.', { reason: 'no_pending_setup' });
  }
  return { id: pending.id, phone: pending.phone_e164 };
}

/** Sends a new code to the number being set up (the previous code stops working). */
export async function resendSmsSetup(ctx: ServiceContext, uc: UserContext): Promise<SmsSent> {
  const pending = await requirePendingPhone(ctx, uc);
  return sendSmsCode(ctx, uc, 'enroll', pending.phone);
}

/** Confirms the number with its code; `andThen` runs in the same write. Returns the new recovery code. */
export async function confirmSmsSetup(
  ctx: ServiceContext,
  uc: UserContext,
  typed: string,
  andThen: (trx: Transaction<Database>) => Promise<void>,
): Promise<IssuedRecoveryCode> {
  const code = canonicalCode('sms', typed);
  const pending = await requirePendingPhone(ctx, uc);
  assertSmsOffered(uc);
  const target = { kind: 'sms' as const, purpose: 'enroll' as const, phoneE164: pending.phone };
  return confirmSetupCode(ctx, uc, { target, code, pendingId: pending.id }, async (trx) => {
    const issued = await completeEnrollment(trx, ctx, uc, { methodId: pending.id, kind: 'sms', phoneE164: pending.phone });
    await andThen(trx);
    return issued;
  });
}
