/**
 * The per-account password throttle's rows (R-AUTH-2), keyed by an HMAC of the lower-cased typed email under the
 * service's code key: unknown emails are throttled exactly like known ones, and no typed email is stored.
 */
import { createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import { emailKey } from '../../../shared/domain/directory';
import { PASSWORD_THROTTLE_MEMORY_MS, countPasswordTry, passwordWaitMs } from '../../../shared/domain/password-throttle';
import type { Database } from '../store/schema';

/** The row key of a typed email. */
export function passwordThrottleKey(codeKey: Buffer, email: string): string {
  return createHmac('sha256', codeKey).update(`password-throttle\u0000${emailKey(email)}`, 'utf8').digest('hex');
}

/**
 * Counts a password try for this key before the password is checked; returns the milliseconds still to wait
 * (then nothing is counted) or 0. Old rows of any email are forgotten on the way.
 */
export async function reservePasswordTry(trx: Transaction<Database>, key: string, now: number): Promise<number> {
  await trx.deleteFrom('password_throttle').where('last_failure_at', '<=', now - PASSWORD_THROTTLE_MEMORY_MS).execute();
  const row = await trx.selectFrom('password_throttle').selectAll().where('email_key', '=', key).executeTakeFirst();
  const state = row ? { failures: row.failures, blockedUntil: Number(row.blocked_until), lastFailureAt: Number(row.last_failure_at) } : null;
  const wait = passwordWaitMs(state, now);
  if (wait > 0) return wait;
  const next = countPasswordTry(state, now);
  const values = { failures: next.failures, blocked_until: next.blockedUntil, last_failure_at: next.lastFailureAt };
  if (row) await trx.updateTable('password_throttle').set(values).where('email_key', '=', key).execute();
  else await trx.insertInto('password_throttle').values({ email_key: key, ...values }).execute();
  return 0;
}

/** A right password: the throttle of this key is lifted. */
export async function clearPasswordThrottle(trx: Transaction<Database>, key: string): Promise<void> {
  await trx.deleteFrom('password_throttle').where('email_key', '=', key).execute();
}
