/**
 * R-RST-6 temporary access codes (Entra's Temporary Access Pass, Duo's bypass code): after the verified checklist,
 * helpdesk issues a one-time code for a user who lost their device. 16 symbols of the recovery-code alphabet, so
 * 80 random bits from 10 bytes, shown once in groups of four; valid 1 to 72 hours (default 8); it replaces the MFA
 * challenge once and leads straight to setting up a new method. Only its keyed hash is stored (the service's job).
 */
import { z } from 'zod';
import { assertNever } from './assert-never';
import { bytesToSymbols } from './bit-text';
import { formatRecoveryCode, RECOVERY_ALPHABET, readCodeSymbols } from './recovery-code';

/** Symbols in a temporary access code. */
export const ACCESS_CODE_LENGTH = 16;
/** Random bytes a code is made from (16 × 5 bits = 80 bits). */
export const ACCESS_CODE_BYTES = 10;
/** How long a code may be valid, in hours. */
export const ACCESS_CODE_HOURS = { min: 1, max: 72, default: 8 } as const;

/** Hours a new code stays valid, with the plain-words refusal. */
export const accessCodeHoursSchema = z
  .number({ error: 'Say how many hours the code stays valid (1 to 72).' })
  .int({ error: 'A temporary access code stays valid for a whole number of hours, 1 to 72.' })
  .min(ACCESS_CODE_HOURS.min, { error: 'A temporary access code stays valid for 1 to 72 hours.' })
  .max(ACCESS_CODE_HOURS.max, { error: 'A temporary access code stays valid for 1 to 72 hours.' });

/** A new code from exactly 10 random bytes (no modulo bias: each symbol is 5 whole bits). */
export function newAccessCode(random: Uint8Array): string {
  if (random.length !== ACCESS_CODE_BYTES) {
    throw new RangeError(`A temporary access code needs exactly ${ACCESS_CODE_BYTES} random bytes, got ${random.length}.`);
  }
  return bytesToSymbols(random, RECOVERY_ALPHABET);
}

/** The code for display and copy: groups of four joined by dashes (`ABCD-EFGH-JKLM-NPQR`). */
export function formatAccessCode(code: string): string {
  return formatRecoveryCode(code);
}

/** When a code issued at `issuedAt` for `hours` stops working. */
export function accessCodeExpiresAt(issuedAt: number, hours: number): number {
  return issuedAt + hours * 3_600_000;
}

/** Why typed text is not a temporary access code (never counted as a wrong code). */
export type AccessCodeInputProblem = 'empty' | 'invalid_characters' | 'wrong_length';

/** The typed code in canonical form (what gets hashed and compared), or why it cannot be one. */
export type AccessCodeInput =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly reason: AccessCodeInputProblem; readonly message: string };

/** Reads what a user typed: spaces and dashes are ignored and letters upper-cased. */
export function normalizeAccessCode(input: string): AccessCodeInput {
  const read = readCodeSymbols(input, ACCESS_CODE_LENGTH);
  if (read.ok) return read;
  const messages: Record<AccessCodeInputProblem, string> = {
    empty: 'Enter the temporary access code your helpdesk gave you.',
    invalid_characters: 'That is not a temporary access code: they use letters and the digits 2 to 9, never 0, 1, I or O. Check the code your helpdesk gave you.',
    wrong_length: `A temporary access code has ${ACCESS_CODE_LENGTH} characters; you entered ${read.typed}. Check the code your helpdesk gave you.`,
  };
  return { ok: false, reason: read.reason, message: messages[read.reason] };
}

/** A stored code as the rules see it. */
export interface AccessCodeRecord {
  readonly expiresAt: number;
  readonly usedAt: number | null;
  readonly revokedAt: number | null;
}

/** Why a stored code cannot be accepted. */
export type AccessCodeFailure = 'wrong' | 'expired' | 'used' | 'revoked';

/** Whether a stored code can still be used at `now` (before comparing it with what was typed). */
export function accessCodeUsability(record: AccessCodeRecord, now: number): { usable: true } | { usable: false; reason: Exclude<AccessCodeFailure, 'wrong'> } {
  if (record.usedAt !== null) return { usable: false, reason: 'used' };
  if (record.revokedAt !== null) return { usable: false, reason: 'revoked' };
  if (now >= record.expiresAt) return { usable: false, reason: 'expired' };
  return { usable: true };
}

/** The words a user sees when a temporary access code is refused. */
export function accessCodeFailureMessage(reason: AccessCodeFailure): string {
  switch (reason) {
    case 'wrong':
      return 'That temporary access code is not right. Check it with your helpdesk and try again.';
    case 'expired':
      return 'That temporary access code has expired. Ask your helpdesk for a new one.';
    case 'used':
      return 'That temporary access code was already used: it works once. Ask your helpdesk for a new one.';
    case 'revoked':
      return 'That temporary access code was withdrawn or replaced. Ask your helpdesk for the current one.';
    default:
      return assertNever(reason, 'temporary access code failure');
  }
}
