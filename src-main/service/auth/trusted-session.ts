/**
 * Sessions minted by a trusted host without a sign-in: the console's embedded mode acts as a demo operator
 * in-process (no network, same machine, same user). Never exposed over HTTP.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store';
import { hashSessionToken, newSessionToken } from './session-token';

/** Creates an active session for the user with this email; returns its token, or null if there is no such user. */
export async function createTrustedSession(store: Store, email: string, now: number): Promise<string | null> {
  const user = await store.db.selectFrom('users').select(['id', 'status']).where('email_lower', '=', email.toLowerCase()).executeTakeFirst();
  if (!user || user.status !== 'active') return null;
  const token = newSessionToken();
  await store.write(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: randomUUID(),
        user_id: user.id,
        token_hash: hashSessionToken(token),
        stage: 'active',
        created_at: now,
        last_seen_at: now,
        revoked_at: null,
        mfa_at: now,
        payments_seen_at: null,
        flow: JSON.stringify({ trusted: true }),
      })
      .execute();
  });
  return token;
}
