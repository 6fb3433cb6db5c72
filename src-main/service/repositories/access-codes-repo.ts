/**
 * Temporary access codes at rest (R-RST-6): an HMAC of the code under the service's code key, bound to the row id,
 * never the code. A user has at most one usable code: issuing a new one revokes the one before.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { accessCodeUsability } from '../../../shared/domain/temporary-access-code';
import { keyedCodeHash } from '../auth/keyed-code-hash';
import type { AccessCodesTable, Database } from '../store/schema';

type Db = Kysely<Database> | Transaction<Database>;
/** A stored code. */
export type AccessCodeRow = Selectable<AccessCodesTable>;

/** The user's latest codes, newest first (the one a user types is among them; older ones say "replaced"). */
export async function recentAccessCodes(db: Db, userId: string): Promise<AccessCodeRow[]> {
  return db.selectFrom('access_codes').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(5).execute();
}

/** The code the user can still use at company time `now`, or null. */
export async function usableAccessCode(db: Db, userId: string, now: number): Promise<AccessCodeRow | null> {
  const row = await db
    .selectFrom('access_codes')
    .selectAll()
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row && accessCodeUsability({ expiresAt: Number(row.expires_at), usedAt: null, revokedAt: null }, now).usable ? row : null;
}

/** Revokes the user's codes not used yet; answers how many there were. */
export async function revokeAccessCodes(trx: Transaction<Database>, userId: string, now: number): Promise<number> {
  const result = await trx
    .updateTable('access_codes')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Stores a new code for the user (its keyed hash only), revoking the one before. */
export async function insertAccessCode(
  trx: Transaction<Database>,
  codeKey: Buffer,
  input: { userId: string; code: string; now: number; expiresAt: number; issuedBy: { id: string; email: string } },
): Promise<{ id: string; replaced: boolean }> {
  const replaced = (await revokeAccessCodes(trx, input.userId, input.now)) > 0;
  const id = randomUUID();
  await trx
    .insertInto('access_codes')
    .values({
      id,
      user_id: input.userId,
      code_hash: keyedCodeHash(codeKey, id, input.code),
      created_at: input.now,
      expires_at: input.expiresAt,
      used_at: null,
      revoked_at: null,
      issued_by_id: input.issuedBy.id,
      issued_by_email: input.issuedBy.email,
    })
    .execute();
  return { id, replaced };
}

/** Marks a code used (it works once). */
export async function markAccessCodeUsed(trx: Transaction<Database>, id: string, now: number): Promise<void> {
  await trx.updateTable('access_codes').set({ used_at: now }).where('id', '=', id).execute();
}
