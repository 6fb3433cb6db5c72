/**
 * The load bench's people (issue 13): users of the demo company, each enrolled with their own authenticator secret
 * (sealed with the service's key like any other), with a session at the stage the measured route needs. Every
 * challenge request uses a user of its own once, so each is a legitimate accepted verification: a fresh code for
 * a step that user never used, from a session still waiting for its challenge.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import { TOTP_SECRET_BYTES, newTotpSecret } from '../../shared/domain/totp';
import { hashSessionToken, newSessionToken } from '../../src-main/service/auth/session-token';
import type { SecretSealer } from '../../src-main/service/secrets/sealed-secret';
import { DEMO_COMPANY_ID } from '../../src-main/service/seed/demo-company';
import { nextChangeSeq } from '../../src-main/service/store/change-seq';
import type { MfaMethodsTable, SessionsTable, UsersTable } from '../../src-main/service/store/schema';
import type { Store } from '../../src-main/service/store/store';

const BATCH = 400;
const DAY = 86_400_000;

/** One bench user: the service's session token, the bare server's token, and their authenticator secret. */
export interface LoadUser {
  id: string;
  email: string;
  secret: string;
  /** Session token for the service (null when seeded without a session). */
  token: string | null;
  /** `userId.hmac` for the bare server. */
  bareToken: string;
}

/** The bare server's token of a user: `userId.hmac(userId)` (HMAC-SHA256 under `key`). */
export function bareToken(key: Buffer, userId: string): string {
  return `${userId}.${createHmac('sha256', key).update(userId).digest('base64url')}`;
}

/** What to seed. */
export interface LoadUserSet {
  /** Names the set's users (`load-<prefix>-<i>@…`). */
  prefix: string;
  count: number;
  /** The session each user gets, or none (sign-in and bare-route users). */
  session: 'challenge' | 'active' | null;
  /** Stored as every user's password hash (one scrypt hash shared, so seeding costs one). */
  passwordHash: string | null;
}

/** Seeds `set` at `now` and returns its users; `tokenKey` signs their bare tokens. */
export async function seedLoadUsers(store: Store, sealer: SecretSealer, tokenKey: Buffer, set: LoadUserSet, now: number): Promise<LoadUser[]> {
  const users: LoadUser[] = [];
  for (let start = 0; start < set.count; start += BATCH) {
    const batch: LoadUser[] = [];
    for (let i = start; i < Math.min(set.count, start + BATCH); i++) {
      const id = `load-${set.prefix}-${i}`;
      batch.push({ id, email: `${id}@bench.example`, secret: newTotpSecret(randomBytes(TOTP_SECRET_BYTES)), token: set.session ? newSessionToken() : null, bareToken: bareToken(tokenKey, id) });
    }
    await store.write(async (trx) => {
      const seq = await nextChangeSeq(trx);
      const rows: Insertable<UsersTable>[] = batch.map((user) => ({
        id: user.id, company_id: DEMO_COMPANY_ID, email: user.email, email_lower: user.email, name: user.id, search_text: user.id,
        status: 'active', country: 'US', time_zone: 'America/New_York', account_type: 'standard', perm_company_admin: 'none',
        perm_directory: 'none', password_hash: set.passwordHash, password_set_at: now - DAY, last_sign_in_at: null, always_require_mfa: 0,
        enrolled_at: now - DAY, failed_attempts: 0, locked_until: null, created_at: now - DAY, updated_at: now - DAY, change_seq: seq,
      }));
      await trx.insertInto('users').values(rows).execute();
      const methods: Insertable<MfaMethodsTable>[] = batch.map((user) => ({
        id: `${user.id}-totp`, user_id: user.id, kind: 'totp', secret_sealed: sealer.seal(user.secret), phone_e164: null,
        last_step: null, confirmed_at: now - DAY, created_at: now - DAY,
      }));
      await trx.insertInto('mfa_methods').values(methods).execute();
      const stage = set.session;
      if (!stage) return;
      const sessions: Insertable<SessionsTable>[] = batch.map((user) => ({
        id: `${user.id}-session`, user_id: user.id, token_hash: hashSessionToken(user.token ?? ''), stage, created_at: now,
        last_seen_at: now, revoked_at: null, mfa_at: stage === 'active' ? now : null, payments_seen_at: null, flow: '{}',
      }));
      await trx.insertInto('sessions').values(sessions).execute();
    });
    users.push(...batch);
  }
  return users;
}
