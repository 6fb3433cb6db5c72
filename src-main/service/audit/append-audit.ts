/** Appends entries to the company's hash-chained audit log (R-AUD-1), inside the caller's write transaction. */
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema';
import { GENESIS_HASH, auditEntryHash, canonicalJson, type HashedAuditFields } from './audit-hash';

/** One audit entry as callers give it: before/after/evidence are any JSON-able values. */
export interface AuditEntryInput {
  companyId: string;
  at: number;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetId: string | null;
  targetEmail: string | null;
  before?: unknown;
  after?: unknown;
  evidence?: unknown;
}

/** The hash of the company's newest entry, or the genesis hash when its log is empty. */
export async function lastAuditHash(trx: Transaction<Database>, companyId: string): Promise<string> {
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .where('company_id', '=', companyId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.hash ?? GENESIS_HASH;
}

function storedFields(entry: AuditEntryInput): HashedAuditFields {
  return {
    company_id: entry.companyId,
    at: entry.at,
    actor_id: entry.actorId,
    actor_email: entry.actorEmail,
    action: entry.action,
    target_id: entry.targetId,
    target_email: entry.targetEmail,
    before: canonicalJson(entry.before),
    after: canonicalJson(entry.after),
    evidence: canonicalJson(entry.evidence),
  };
}

/**
 * Appends several entries in order, chained to the company's last entry (one read of the last hash).
 * Call it inside `store.write` so the entries commit or vanish with the change they record.
 */
export async function appendAuditEntries(trx: Transaction<Database>, entries: readonly AuditEntryInput[]): Promise<void> {
  const lastByCompany = new Map<string, string>();
  const rows = [];
  for (const entry of entries) {
    const prevHash = lastByCompany.get(entry.companyId) ?? (await lastAuditHash(trx, entry.companyId));
    const fields = storedFields(entry);
    const hash = auditEntryHash(prevHash, fields);
    lastByCompany.set(entry.companyId, hash);
    rows.push({ ...fields, prev_hash: prevHash, hash });
  }
  const BATCH = 500;
  for (let start = 0; start < rows.length; start += BATCH) {
    await trx.insertInto('audit_log').values(rows.slice(start, start + BATCH)).execute();
  }
}

/**
 * Appends one entry: reads the company's last hash inside the transaction and chains the new entry to it.
 * Call it inside `store.write` (lockouts, enrollments, every admin action).
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntryInput): Promise<void> {
  await appendAuditEntries(trx, [entry]);
}
