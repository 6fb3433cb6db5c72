/**
 * One-time account links (R-DIR-5): 256 random bits, shown once in an email, stored only as their SHA-256. A new
 * link for the same purpose revokes the user's earlier unused ones, so only the latest email works.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { ACCOUNT_TOKEN_BYTES } from '../../../shared/domain/account-access';
import type { RandomSource } from '../auth/random-source';
import type { AccountTokensTable, Database } from '../store/schema';

export type AccountTokenRow = Selectable<AccountTokensTable>;
export type TokenPurpose = AccountTokenRow['purpose'];

/** What the database keeps of a link token. */
export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a link token for `userId`, revoking their earlier unused ones of the same purpose; returns the token. */
export async function issueAccountToken(
  trx: Transaction<Database>,
  input: { userId: string; purpose: TokenPurpose; now: number; expiresAt: number; createdBy: string | null; random: RandomSource },
): Promise<string> {
  await revokeAccountTokens(trx, input.userId, input.purpose, input.now);
  const token = Buffer.from(input.random(ACCOUNT_TOKEN_BYTES)).toString('base64url');
  await trx
    .insertInto('account_tokens')
    .values({
      id: randomUUID(),
      user_id: input.userId,
      purpose: input.purpose,
      token_hash: hashAccountToken(token),
      created_at: input.now,
      expires_at: input.expiresAt,
      used_at: null,
      revoked_at: null,
      created_by: input.createdBy,
    })
    .execute();
  return token;
}

/** Revokes a user's unused links of one purpose (or of every purpose); returns how many. */
export async function revokeAccountTokens(trx: Transaction<Database>, userId: string, purpose: TokenPurpose | 'all', now: number): Promise<number> {
  let query = trx.updateTable('account_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).where('revoked_at', 'is', null);
  if (purpose !== 'all') query = query.where('purpose', '=', purpose);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}

/** The row of a token, or undefined. */
export async function findAccountToken(db: Kysely<Database> | Transaction<Database>, token: string): Promise<AccountTokenRow | undefined> {
  return db.selectFrom('account_tokens').selectAll().where('token_hash', '=', hashAccountToken(token)).executeTakeFirst();
}

/** Marks a token used, only if it still is unused and unrevoked; false when someone else used it first. */
export async function useAccountToken(trx: Transaction<Database>, id: string, now: number): Promise<boolean> {
  const result = await trx
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** When the user was last sent a link of this purpose (throttles self-service requests). */
export async function lastTokenAt(db: Kysely<Database> | Transaction<Database>, userId: string, purpose: TokenPurpose): Promise<number | null> {
  const row = await db.selectFrom('account_tokens').select('created_at').where('user_id', '=', userId).where('purpose', '=', purpose).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.created_at) : null;
}
