/**
 * Appends entries to the company's hash-chained audit log (R-AUD-1), inside the caller's write transaction.
 * Hashing follows `shared/domain/audit-chain.ts`: before/after/evidence are stored as canonical JSON text.
 * Entries stamp real time; the company's simulated time is kept beside it only when a demo clock is shifted.
 */
import type { Insertable, Transaction } from 'kysely';
import { GENESIS_HASH, auditEntryHash, canonicalJson, type AuditEntryContent } from '../../../shared/domain/audit-chain';
import type { Moment } from '../clock';
import type { AuditLogTable, Database } from '../store/schema';

/** One audit entry as callers give it: before/after/evidence are any JSON-able values (undefined = none). */
export interface AuditEntryInput {
  companyId: string;
  /** When it happened, on both clocks: `at` stores the real time, `company_at` the company's when it differs. */
  when: Moment;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetId: string | null;
  targetEmail: string | null;
  before?: unknown;
  after?: unknown;
  evidence?: unknown;
}

/** Canonical JSON text of a value as stored; undefined members are dropped, undefined itself stores null. */
export function storedJson(value: unknown): string | null {
  if (value === undefined) return null;
  return canonicalJson(JSON.parse(JSON.stringify(value)) as unknown);
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

function contentOf(entry: AuditEntryInput): AuditEntryContent {
  return {
    companyId: entry.companyId,
    at: entry.when.real,
    companyAt: entry.when.company === entry.when.real ? null : entry.when.company,
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetId: entry.targetId,
    targetEmail: entry.targetEmail,
    before: storedJson(entry.before),
    after: storedJson(entry.after),
    evidence: storedJson(entry.evidence),
  };
}

/** Rows per insert statement (14 columns each: well under both engines' parameter limits). */
const INSERT_BATCH = 500;

/**
 * Appends several entries in order, chained to each company's last entry (one read of the last hash per company).
 * Call it inside `store.write` so the entries commit or vanish with the change they record.
 */
export async function appendAuditEntries(trx: Transaction<Database>, entries: readonly AuditEntryInput[]): Promise<void> {
  const lastByCompany = new Map<string, string>();
  const rows: Insertable<AuditLogTable>[] = [];
  for (const entry of entries) {
    const prevHash = lastByCompany.get(entry.companyId) ?? (await lastAuditHash(trx, entry.companyId));
    const content = contentOf(entry);
    const hash = auditEntryHash(prevHash, content);
    lastByCompany.set(entry.companyId, hash);
    rows.push({
      company_id: content.companyId,
      at: content.at,
      company_at: content.companyAt,
      actor_id: content.actorId,
      actor_email: content.actorEmail,
      action: content.action,
      target_id: content.targetId,
      target_email: content.targetEmail,
      before: content.before,
      after: content.after,
      evidence: content.evidence,
      prev_hash: prevHash,
      hash,
    });
  }
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    await trx.insertInto('audit_log').values(rows.slice(start, start + INSERT_BATCH)).execute();
  }
}

/**
 * Appends one entry: reads the company's last hash inside the transaction and chains the new entry to it.
 * Call it inside `store.write` (lockouts, enrollments, every admin action).
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntryInput): Promise<void> {
  await appendAuditEntries(trx, [entry]);
}
