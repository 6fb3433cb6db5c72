/** One-time SMS codes, stored as keyed hashes only (R-SMS-1). A new code voids the user's earlier one for its purpose. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SmsCodesTable } from '../store/schema';

export type SmsCodeRow = Selectable<SmsCodesTable>;
export type SmsPurpose = SmsCodesTable['purpose'];
type Db = Kysely<Database> | Transaction<Database>;

/** Send times of the user's codes since `since` (any purpose), for the resend throttle. */
export async function recentSendTimes(db: Db, userId: string, since: number): Promise<number[]> {
  const rows = await db.selectFrom('sms_codes').select('sent_at').where('user_id', '=', userId).where('sent_at', '>', since).execute();
  return rows.map((row) => Number(row.sent_at));
}

/** Stores a new code and voids the earlier unused ones of the same purpose. `hashFor` hashes with the row id. */
export async function insertSmsCode(
  trx: Transaction<Database>,
  input: { userId: string; purpose: SmsPurpose; phoneE164: string; hashFor: (id: string) => string; now: number; expiresAt: number },
): Promise<string> {
  await trx
    .updateTable('sms_codes')
    .set({ voided_at: input.now })
    .where('user_id', '=', input.userId)
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .execute();
  const id = randomUUID();
  await trx
    .insertInto('sms_codes')
    .values({
      id,
      user_id: input.userId,
      purpose: input.purpose,
      phone_e164: input.phoneE164,
      code_hash: input.hashFor(id),
      expires_at: input.expiresAt,
      sent_at: input.now,
      used_at: null,
      voided_at: null,
    })
    .execute();
  return id;
}

/** The user's latest codes of a purpose, newest first (the current one and the few it voided). */
export async function recentSmsCodes(db: Db, userId: string, purpose: SmsPurpose, limit = 10): Promise<SmsCodeRow[]> {
  return db
    .selectFrom('sms_codes')
    .selectAll()
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .orderBy('sent_at', 'desc')
    .limit(limit)
    .execute();
}

/** Marks a code used (single use). */
export async function markSmsCodeUsed(trx: Transaction<Database>, id: string, now: number): Promise<void> {
  await trx.updateTable('sms_codes').set({ used_at: now }).where('id', '=', id).execute();
}
