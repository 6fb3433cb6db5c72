/** The demo SMS outbox's rows (`sms_outbox`): appended in commit order, read after a sequence number, capped. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SmsOutboxTable } from '../store/schema';

export type SmsOutboxRow = Selectable<SmsOutboxTable>;

/**
 * Appends a row with the next sequence number. The number comes from the newest row inside the write (not from an
 * identity column, which hands numbers out in start order): writes are serialized (one SQLite connection,
 * serializable PostgreSQL, which retries the loser), so numbers rise in commit order and a reader never skips one.
 */
export async function appendOutboxRow(trx: Transaction<Database>, row: Omit<SmsOutboxRow, 'seq'>): Promise<number> {
  const newest = await trx.selectFrom('sms_outbox').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = Number(newest?.seq ?? 0) + 1;
  await trx.insertInto('sms_outbox').values({ ...row, seq }).execute();
  return seq;
}

/** Drops the company's rows older than its `keep` newest. */
export async function trimOutbox(trx: Transaction<Database>, companyId: string, keep: number): Promise<void> {
  const oldestKept = await trx
    .selectFrom('sms_outbox')
    .select('seq')
    .where('company_id', '=', companyId)
    .orderBy('seq', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
  if (oldestKept) await trx.deleteFrom('sms_outbox').where('company_id', '=', companyId).where('seq', '<', Number(oldestKept.seq)).execute();
}

/** The company's rows after `afterSeq`, oldest first. */
export function outboxRowsAfter(db: Kysely<Database>, companyId: string, afterSeq: number): Promise<SmsOutboxRow[]> {
  return db.selectFrom('sms_outbox').selectAll().where('company_id', '=', companyId).where('seq', '>', afterSeq).orderBy('seq', 'asc').execute();
}
