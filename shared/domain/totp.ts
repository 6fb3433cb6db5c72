/**
 * Authenticator-app codes (R-TOTP-1, R-TOTP-2): secret and "Trouble scanning?" grouping, code generation
 * for the simulated phone, and verification that accepts the current and previous 30-second step but never a
 * step at or before the last one accepted (no replay). Built on otplib; randomness and time are passed in.
 */
import { ScureBase32Plugin, generateSync, verifySync } from 'otplib';
import { assertNever } from './assert-never';

/** The parameters Google and Microsoft Authenticator honour: SHA-1, 6 digits, 30 seconds. */
export const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** Bytes of randomness in a new secret (160 bits). */
export const TOTP_SECRET_BYTES = 20;

const base32 = new ScureBase32Plugin();

/** A new secret from exactly 20 random bytes, as Base32 without padding (32 characters). */
export function newTotpSecret(random: Uint8Array): string {
  if (random.length !== TOTP_SECRET_BYTES) {
    throw new RangeError(`A TOTP secret needs exactly ${TOTP_SECRET_BYTES} random bytes, got ${random.length}.`);
  }
  return base32.encode(random, { padding: false });
}

/** The secret in groups of four for manual entry: `ABCD EFGH …`. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/** The RFC 6238 time step (30-second window number) of the instant `now` (epoch ms). */
export function totpStep(now: number): number {
  return Math.floor(Math.floor(now / 1000) / TOTP_PARAMS.period);
}

/** Whole seconds until the code shown at `now` changes (30 … 1), for the simulated phone's countdown. */
export function totpSecondsLeft(now: number): number {
  return TOTP_PARAMS.period - (Math.floor(now / 1000) % TOTP_PARAMS.period);
}

/** The 6-digit code of `secret` at `now`, as an authenticator app shows it. */
export function totpCode(secret: string, now: number): string {
  return generateSync({ secret, epoch: Math.floor(now / 1000) });
}

/** Why a code was refused. */
export type TotpFailure = 'malformed' | 'wrong' | 'replay';

/** Outcome of checking a code. On success, store `step` as the user's last accepted step. */
export type TotpVerification =
  | { readonly ok: true; readonly step: number; readonly drift: 0 | -1 }
  | { readonly ok: false; readonly reason: TotpFailure; readonly message: string };

/** The words a user sees for a refused code. */
export function totpFailureMessage(reason: TotpFailure): string {
  switch (reason) {
    case 'malformed':
      return 'Enter the 6-digit code shown in your authenticator app.';
    case 'wrong':
      return 'That code is not right. Check the code in your authenticator app and try again.';
    case 'replay':
      return 'That code was already used. Wait for the next code in your authenticator app and enter it.';
    default:
      return assertNever(reason, 'TOTP failure');
  }
}

function fail(reason: TotpFailure): TotpVerification {
  return { ok: false, reason, message: totpFailureMessage(reason) };
}

/**
 * Check a typed code at `now`. Spaces and dashes are ignored. Accepts the current step and the previous one
 * (clock drift), never a step at or before `lastStep`. Throws only for a secret that is not valid Base32 of at
 * least 16 bytes, which means stored data is damaged.
 */
export function verifyTotp(secret: string, code: string, now: number, lastStep: number | null): TotpVerification {
  const token = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(token)) return fail('malformed');
  const epoch = Math.floor(now / 1000);
  const window = { secret, token, epoch, epochTolerance: [TOTP_PARAMS.period, 0] as [number, number] };
  if (lastStep === null || lastStep < totpStep(now)) {
    const fresh = verifySync(lastStep === null ? window : { ...window, afterTimeStep: lastStep });
    if (fresh.valid && 'timeStep' in fresh) {
      return { ok: true, step: fresh.timeStep, drift: fresh.delta < 0 ? -1 : 0 };
    }
  }
  return verifySync(window).valid ? fail('replay') : fail('wrong');
}

/**
 * A verification made against a `lastStep` read earlier, checked again against the one stored now: a step at or
 * before the stored one is a replay (another request accepted it meanwhile). Lets the crypto run before a write
 * and only this comparison inside it.
 */
export function recheckTotp(verification: TotpVerification, lastStep: number | null): TotpVerification {
  if (!verification.ok || lastStep === null || verification.step > lastStep) return verification;
  return fail('replay');
}

/** Decode a Base32 secret as authenticator apps accept it (any case, spaces and `=` padding ignored); null if invalid. */
export function decodeBase32Secret(secret: string): Uint8Array | null {
  const cleaned = secret.replace(/[\s=]/g, '').toUpperCase();
  if (cleaned.length === 0) return null;
  try {
    return base32.decode(cleaned);
  } catch {
    return null;
  }
}
