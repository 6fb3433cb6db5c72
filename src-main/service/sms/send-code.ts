/**
 * Sends a one-time SMS code (R-SMS-1): throttled per user (resends never reset the failure count), lifetime from
 * the policy, stored as a keyed hash that voids the user's previous code for the same purpose. The message leaves
 * only after the code is durably stored, so a code that arrives always works.
 */
import type { Transaction } from 'kysely';
import type { SmsSent } from '../../../shared/api/routes/mfa-common';
import { SMS_CODE_RANDOM_BYTES, SMS_RESEND_LIMITS, newSmsCode, smsCodeExpiresAt, smsResendDecision } from '../../../shared/domain/sms-code';
import { ApiError } from '../http/api-error';
import { insertSmsCode, recentSendTimes, type SmsPurpose } from '../repositories/sms-codes-repo';
import type { UserContext } from '../repositories/user-context';
import type { ServiceContext } from '../service-context';
import type { Database } from '../store/schema';
import { keyedCodeHash } from '../auth/keyed-code-hash';
import { maskPhone } from './code-hash';
import { smsCodeBody } from './sms-sender';

/**
 * Sends a code for `purpose` to `phoneE164`; throws 429 (`details.retryAt`) when asked again too soon. `alsoWrite`
 * runs in the same write once the throttle allowed the code (e.g. storing the number being set up).
 */
export async function sendSmsCode(
  ctx: ServiceContext,
  uc: UserContext,
  purpose: SmsPurpose,
  phoneE164: string,
  alsoWrite?: (trx: Transaction<Database>) => Promise<unknown>,
): Promise<SmsSent> {
  const { user, policy, now } = uc;
  const code = newSmsCode(ctx.mfa.random(SMS_CODE_RANDOM_BYTES));
  const expiresAt = smsCodeExpiresAt(now, policy);
  const sentTimes = await ctx.store.write(async (trx) => {
    const times = await recentSendTimes(trx, user.id, now - SMS_RESEND_LIMITS.windowMs);
    const decision = smsResendDecision(times, now);
    if (!decision.allowed) throw new ApiError('rate_limited', decision.message, { reason: 'sms_throttled', retryAt: decision.retryAt });
    const hashFor = (id: string) => keyedCodeHash(ctx.mfa.keys.codeKey, id, code);
    await alsoWrite?.(trx);
    await insertSmsCode(trx, { userId: user.id, purpose, phoneE164, hashFor, now, expiresAt });
    return times;
  });
  await ctx.mfa.sms.send({
    companyId: user.company_id,
    userId: user.id,
    userEmail: user.email,
    to: phoneE164,
    body: smsCodeBody(uc.company.name, code, policy.smsCodeTtlMinutes),
    code,
    sentAt: now,
    expiresAt,
  });
  const next = smsResendDecision([...sentTimes, now], now);
  return {
    phoneMasked: maskPhone(phoneE164),
    expiresAt,
    resendAvailableAt: next.allowed ? now : next.retryAt,
    codeLifetimeMinutes: policy.smsCodeTtlMinutes,
  };
}
