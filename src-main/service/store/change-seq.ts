/**
 * The global change sequence: a write that changes a user takes the next number and stores it in `users.change_seq`,
 * so the console can ask for "everything after N" to sync its cache incrementally. A user's own sign-in and set-up
 * steps instead mark the row pending, and the sync numbers pending rows before it reads (numberPendingChanges in
 * admin/user-writes.ts); either way every number comes from here.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

/** The meta key holding the last issued sequence number (seeded with "0" by the first migration). */
export const CHANGE_SEQ_KEY = 'change_seq';

/**
 * Takes the next change sequence number inside a write. Numbers strictly increase across all writes, and a
 * write's number is visible only once it commits; both engines serialise writers on the meta row, so a
 * reader never sees a later number before an earlier one.
 */
export async function nextChangeSeq(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .updateTable('meta')
    .set({ value: sql<string>`cast(cast(value as bigint) + 1 as text)` })
    .where('key', '=', CHANGE_SEQ_KEY)
    .returning('value')
    .executeTakeFirst();
  if (!row) throw new Error('The change sequence is missing from the database (meta.change_seq); run migrations.');
  return Number(row.value);
}

/** The last change sequence number issued, for a sync response's "up to" watermark. */
export async function currentChangeSeq(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', CHANGE_SEQ_KEY).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

