/**
 * R-REC-1 recovery codes: 32 characters from a 32-symbol alphabet, so exactly 160 bits from 20 random bytes,
 * shown in groups of four and read back from whatever the user types.
 * The alphabet leaves out 0, O, 1 and I, the symbols people confuse when reading or typing a code. L stays (with
 * 1 and I gone it has no look-alike in the set, and input is upper-cased): 32 symbols from 0–9 and A–Z means
 * exactly four are left out.
 */
import { bytesToSymbols } from './bit-text';

/** The 32 symbols of a recovery code, in bit-value order. */
export const RECOVERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Characters in a recovery code. */
export const RECOVERY_CODE_LENGTH = 32;

/** Random bytes a recovery code is made from (32 × 5 bits = 160 bits). */
export const RECOVERY_CODE_BYTES = 20;

const GROUP = 4;

/** A new recovery code from exactly 20 random bytes (no modulo bias: each symbol is 5 whole bits). */
export function newRecoveryCode(random: Uint8Array): string {
  if (random.length !== RECOVERY_CODE_BYTES) {
    throw new RangeError(`A recovery code needs exactly ${RECOVERY_CODE_BYTES} random bytes, got ${random.length}.`);
  }
  return bytesToSymbols(random, RECOVERY_ALPHABET);
}

/** A code for display, copy and download: groups of four joined by dashes (`ABCD-EFGH-…`). */
export function formatRecoveryCode(code: string): string {
  return (code.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? []).join('-');
}

/** Why typed text is not a recovery code. */
export type RecoveryCodeInputProblem = 'empty' | 'invalid_characters' | 'wrong_length';

/** The typed code in canonical form (what gets hashed and compared), or why it cannot be one. */
export type RecoveryCodeInput =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly reason: RecoveryCodeInputProblem; readonly message: string };

const VALID = new RegExp(`^[${RECOVERY_ALPHABET}]*$`);

/**
 * Reads a code of `length` symbols of the alphabet as a person typed it: spaces and dashes are ignored and letters
 * upper-cased. Answers the canonical code, or why it cannot be one (`typed`: how many symbols there were).
 */
export function readCodeSymbols(
  input: string,
  length: number,
): { readonly ok: true; readonly code: string } | { readonly ok: false; readonly reason: RecoveryCodeInputProblem; readonly typed: number } {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code === '') return { ok: false, reason: 'empty', typed: 0 };
  if (!VALID.test(code)) return { ok: false, reason: 'invalid_characters', typed: code.length };
  if (code.length !== length) return { ok: false, reason: 'wrong_length', typed: code.length };
  return { ok: true, code };
}

/** Read what a user typed: spaces and dashes are ignored and letters upper-cased. */
export function normalizeRecoveryCode(input: string): RecoveryCodeInput {
  const read = readCodeSymbols(input, RECOVERY_CODE_LENGTH);
  if (read.ok) return read;
  const messages: Record<RecoveryCodeInputProblem, string> = {
    empty: 'Enter the recovery code you saved when you set up MFA.',
    invalid_characters: 'That is not a recovery code: recovery codes use letters and the digits 2 to 9, never 0, 1, I or O. Check the code you saved.',
    wrong_length: `A recovery code has ${RECOVERY_CODE_LENGTH} characters; you entered ${read.typed}. Check the code you saved.`,
  };
  return { ok: false, reason: read.reason, message: messages[read.reason] };
}
