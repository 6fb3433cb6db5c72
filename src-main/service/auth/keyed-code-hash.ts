/**
 * One-time codes at rest (SMS codes, temporary access codes): HMAC-SHA256 under the service's code key (kept in the
 * vault), bound to the code's row id. Six digits are a million guesses: a plain hash in a stolen database would be
 * reversed in a blink; a keyed one cannot be without the vault.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The stored form of `code` for the row `id`. */
export function keyedCodeHash(key: Buffer, id: string, code: string): string {
  return createHmac('sha256', key).update(`${id}:${code}`, 'utf8').digest('hex');
}

/** True when `code` is the one hashed into `stored` for row `id` (constant time). */
export function keyedCodeMatches(key: Buffer, id: string, code: string, stored: string): boolean {
  const expected = Buffer.from(stored, 'hex');
  const actual = Buffer.from(keyedCodeHash(key, id, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
