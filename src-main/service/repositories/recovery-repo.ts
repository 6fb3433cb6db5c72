/** The single recovery code of a user, as a salted hash only (R-REC-1). */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema';

type Db = Kysely<Database> | Transaction<Database>;

/** The stored hash, or null when the user has no recovery code. */
export async function recoveryCodeHash(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', userId).executeTakeFirst();
  return row?.code_hash ?? null;
}

/** Stores a new hash, voiding the previous code (R-REC-2). */
export async function replaceRecoveryCode(trx: Transaction<Database>, userId: string, codeHash: string, now: number): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx.insertInto('recovery_codes').values({ user_id: userId, code_hash: codeHash, created_at: now }).execute();
}

/** Voids the user's recovery code (it was used). */
export async function deleteRecoveryCode(trx: Transaction<Database>, userId: string): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}
