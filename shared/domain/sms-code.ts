/**
 * R-SMS-1 text-message codes: 6 digits drawn without bias from passed-in random bytes, valid for the policy's
 * lifetime (default 10 minutes), single use, voided by a resend. Resends are throttled and never reset the
 * failure count (see lockout.ts). Hashing the code for storage is the service's job.
 */
import { assertNever } from './assert-never';
import type { DomainPolicy } from './policy';

/** Digits in an SMS code. */
export const SMS_CODE_DIGITS = 6;

/** Random bytes to pass to `newSmsCode` (4 tries of 4 bytes; all four rejected has odds of about 1 in 10^14). */
export const SMS_CODE_RANDOM_BYTES = 16;

/** Resend throttle: at least 30 s between codes, at most 5 codes per hour for one user. */
export const SMS_RESEND_LIMITS = { minIntervalMs: 30_000, maxPerWindow: 5, windowMs: 3_600_000 } as const;

const RANGE = 10 ** SMS_CODE_DIGITS;
/** Largest multiple of 10^6 below 2^32: values at or above it would make low codes more likely. */
const LIMIT = Math.floor(2 ** 32 / RANGE) * RANGE;

/** A new 6-digit code (leading zeros kept) from random bytes, by rejection sampling over 32-bit words. */
export function newSmsCode(random: Uint8Array): string {
  if (random.length < 4) throw new RangeError('An SMS code needs at least 4 random bytes.');
  for (let i = 0; i + 4 <= random.length; i += 4) {
    const word = (((random[i] ?? 0) << 24) | ((random[i + 1] ?? 0) << 16) | ((random[i + 2] ?? 0) << 8) | (random[i + 3] ?? 0)) >>> 0;
    if (word < LIMIT) return String(word % RANGE).padStart(SMS_CODE_DIGITS, '0');
  }
  throw new RangeError('Not enough randomness for an unbiased SMS code: pass 16 fresh random bytes.');
}

/** When a code sent at `sentAt` stops working. */
export function smsCodeExpiresAt(sentAt: number, policy: Pick<DomainPolicy, 'smsCodeTtlMinutes'>): number {
  return sentAt + policy.smsCodeTtlMinutes * 60_000;
}

/** A stored code as the rules see it (`sms_codes` row). */
export interface SmsCodeRecord {
  readonly expiresAt: number;
  readonly usedAt: number | null;
  readonly voidedAt: number | null;
}

/** Why a code cannot be accepted. `wrong` is for a well-formed code that does not match. */
export type SmsCodeFailure = 'malformed' | 'wrong' | 'expired' | 'used' | 'voided';

/** Whether a stored code can still be accepted at `now`, before comparing it with what was typed. */
export function smsCodeUsability(record: SmsCodeRecord, now: number): { usable: true } | { usable: false; reason: SmsCodeFailure } {
  if (record.usedAt !== null) return { usable: false, reason: 'used' };
  if (record.voidedAt !== null) return { usable: false, reason: 'voided' };
  if (now >= record.expiresAt) return { usable: false, reason: 'expired' };
  return { usable: true };
}

/** The typed code without spaces or dashes, or null when it is not 6 digits. */
export function normalizeSmsCodeInput(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/** The words a user sees when a text-message code is refused. */
export function smsCodeFailureMessage(reason: SmsCodeFailure): string {
  switch (reason) {
    case 'malformed':
      return 'Enter the 6-digit code from the text message.';
    case 'wrong':
      return 'That code is not right. Check the latest text message and try again.';
    case 'expired':
      return 'That code has expired. Choose "Resend New Code" to get a new one.';
    case 'used':
      return 'That code was already used. Choose "Resend New Code" to get a new one.';
    case 'voided':
      return 'A newer code was sent, so this one no longer works. Enter the code from the latest text message.';
    default:
      return assertNever(reason, 'SMS code failure');
  }
}

/** Whether another code may be sent now, given when earlier codes were sent to this user. */
export type ResendDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAt: number; readonly message: string };

/** Apply the resend throttle at `now` to the send times of this user's earlier codes (any order). */
export function smsResendDecision(sentTimes: readonly number[], now: number): ResendDecision {
  const { minIntervalMs, maxPerWindow, windowMs } = SMS_RESEND_LIMITS;
  const recent = sentTimes.filter((at) => now - at < windowMs).sort((a, b) => a - b);
  const last = recent[recent.length - 1];
  let retryAt = now;
  if (last !== undefined && now - last < minIntervalMs) retryAt = Math.max(retryAt, last + minIntervalMs);
  if (recent.length >= maxPerWindow) {
    const oldestThatCounts = recent[recent.length - maxPerWindow] ?? now;
    retryAt = Math.max(retryAt, oldestThatCounts + windowMs);
  }
  if (retryAt <= now) return { allowed: true };
  const seconds = Math.ceil((retryAt - now) / 1000);
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return {
    allowed: false,
    retryAt,
    message: `A code was sent recently. Wait ${wait} before asking for another one, or use another method.`,
  };
}
