/**
 * SMS codes at rest: HMAC-SHA256 under the service's code key (kept in the vault), bound to the code's row id.
 * Six digits are a million guesses: a plain hash in a stolen database would be reversed in a blink; a keyed one
 * cannot be without the vault.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The stored form of `code` for the row `id`. */
export function smsCodeHash(key: Buffer, id: string, code: string): string {
  return createHmac('sha256', key).update(`${id}:${code}`, 'utf8').digest('hex');
}

/** True when `code` is the one hashed into `stored` for row `id` (constant time). */
export function smsCodeMatches(key: Buffer, id: string, code: string, stored: string): boolean {
  const expected = Buffer.from(stored, 'hex');
  const actual = Buffer.from(smsCodeHash(key, id, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A phone number as shown on screens and in messages: only its last four digits. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return `+${'•'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}
