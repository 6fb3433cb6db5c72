/**
 * SQL of the audit webhook (R-AUD-2): the setting, the cursor and the delivery lease. Every change to the cursor is a
 * compare-and-set under the lease: an instance whose lease was taken over (it stalled past it) cannot move the cursor,
 * so entries are delivered in order whatever the number of service instances on one database.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, AuditWebhooksTable, Database } from '../store/schema';
import type { Store } from '../store/store';

/** A stored webhook row. */
export type WebhookRow = Selectable<AuditWebhooksTable>;

/** The company's webhook, if any. */
export async function webhookRow(db: Kysely<Database>, companyId: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('audit_webhooks').selectAll().where('company_id', '=', companyId).executeTakeFirst();
}

/** Companies whose webhook is turned on. */
export async function enabledWebhookCompanies(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_webhooks').select('company_id').where('enabled', '=', 1).execute();
  return rows.map((row) => row.company_id);
}

/** The sequence number of the company's newest audit entry, or null for an empty log. */
export async function latestAuditSeq(db: Kysely<Database>, companyId: string): Promise<number | null> {
  const row = await db.selectFrom('audit_log').select('seq').where('company_id', '=', companyId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.seq) : null;
}

/** How many of the company's entries come after `afterSeq`. */
export async function entriesAfter(db: Kysely<Database>, companyId: string, afterSeq: number): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('company_id', '=', companyId)
    .where('seq', '>', afterSeq)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The company's first entry after `afterSeq`, if any. */
export async function nextAuditEntry(db: Kysely<Database>, companyId: string, afterSeq: number): Promise<Selectable<AuditLogTable> | undefined> {
  return db.selectFrom('audit_log').selectAll().where('company_id', '=', companyId).where('seq', '>', afterSeq).orderBy('seq').limit(1).executeTakeFirst();
}

/** One entry's position and action (the status shows the last one delivered). */
export async function auditEntrySummary(db: Kysely<Database>, companyId: string, seq: number): Promise<{ seq: number; at: number; action: string } | null> {
  const row = await db.selectFrom('audit_log').select(['seq', 'at', 'action']).where('company_id', '=', companyId).where('seq', '=', seq).executeTakeFirst();
  return row ? { seq: Number(row.seq), at: Number(row.at), action: row.action } : null;
}

/**
 * Takes the company's delivery lease for `owner` until `now + leaseMs`, when the webhook is on, no try is waiting
 * for a later time and no other instance holds an unexpired lease. True when taken.
 */
export async function claimLease(store: Store, companyId: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
  return store.write(async (trx) => {
    const result = await trx
      .updateTable('audit_webhooks')
      .set({ lease_owner: owner, lease_until: now + leaseMs })
      .where('company_id', '=', companyId)
      .where('enabled', '=', 1)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  });
}

/**
 * Moves the cursor from `fromSeq` to `toSeq` after the receiver accepted that entry, and extends the lease; false
 * (nothing changed) when `owner` lost the lease or the cursor moved meanwhile.
 */
export async function recordDelivered(
  store: Store,
  move: { companyId: string; owner: string; fromSeq: number; toSeq: number; now: number; leaseMs: number },
): Promise<boolean> {
  return store.write(async (trx) => {
    const result = await trx
      .updateTable('audit_webhooks')
      .set({ delivered_seq: move.toSeq, last_success_at: move.now, failures: 0, next_attempt_at: null, lease_until: move.now + move.leaseMs })
      .where('company_id', '=', move.companyId)
      .where('lease_owner', '=', move.owner)
      .where('delivered_seq', '=', move.fromSeq)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  });
}

/** Records a failed try (`failures` in a row) and when the next is due, and gives the lease up. */
export async function recordFailure(
  store: Store,
  failure: { companyId: string; owner: string; failures: number; message: string; now: number; nextAttemptAt: number },
): Promise<void> {
  await store.write((trx) =>
    trx
      .updateTable('audit_webhooks')
      .set({
        failures: failure.failures,
        last_error: failure.message,
        last_error_at: failure.now,
        next_attempt_at: failure.nextAttemptAt,
        lease_owner: null,
        lease_until: null,
      })
      .where('company_id', '=', failure.companyId)
      .where('lease_owner', '=', failure.owner)
      .execute(),
  );
}

/** Gives the lease up, if `owner` still holds it. */
export async function releaseLease(store: Store, companyId: string, owner: string): Promise<void> {
  await store.write((trx) =>
    trx.updateTable('audit_webhooks').set({ lease_owner: null, lease_until: null }).where('company_id', '=', companyId).where('lease_owner', '=', owner).execute(),
  );
}

/** Makes the next try due now; false when the company has no webhook. */
export async function makeDueNow(store: Store, companyId: string): Promise<boolean> {
  return store.write(async (trx) => {
    const result = await trx.updateTable('audit_webhooks').set({ next_attempt_at: null }).where('company_id', '=', companyId).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  });
}
