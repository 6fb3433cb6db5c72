/**
 * Appends entries to the company's keyed, hash-chained audit log (R-AUD-1), inside the caller's write transaction
 * of a store bound to the audit chain (`withAuditChain`): each entry is sealed with the audit key, and the scope
 * learns the company's new head, which the store saves in the vault once the transaction is durable. Hashing
 * follows `shared/domain/audit-chain.ts`: before/after/evidence are stored as canonical JSON text.
 * Entries stamp real time; the company's simulated time is kept beside it only when a demo clock is shifted, and
 * the keyed hash covers it then.
 */
import type { Insertable, Transaction } from 'kysely';
import { GENESIS_HASH, canonicalJson, keyedAuditEntryHash, type AuditEntryContent } from '../../../shared/domain/audit-chain';
import type { Moment } from '../clock';
import type { AuditLogTable, Database } from '../store/schema';
import type { AuditHead } from './audit-chain-keys';
import { auditScopeOf } from './keyed-audit-store';

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

/**
 * The hash a new entry of the company chains to: its newest entry's, or the genesis hash when its log is empty. When
 * the log ends before the head the vault recorded (entries were cut off, or the log was restored from an older copy),
 * the new entry chains to the recorded head instead, so the gap stays visible as a broken link and is never
 * sealed over.
 */
export async function chainTailHash(trx: Transaction<Database>, companyId: string, recorded: AuditHead | null): Promise<string> {
  const last = await newestEntry(trx, companyId);
  if (recorded && (!last || last.seq < recorded.seq || (last.seq === recorded.seq && last.hash !== recorded.hash))) {
    return recorded.hash;
  }
  return last?.hash ?? GENESIS_HASH;
}

/** The sequence number and hash of the company's newest entry, if any. */
async function newestEntry(trx: Transaction<Database>, companyId: string): Promise<AuditHead | undefined> {
  const row = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('company_id', '=', companyId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
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
  const scope = auditScopeOf(trx);
  const lastByCompany = new Map<string, string>();
  const rows: Insertable<AuditLogTable>[] = [];
  for (const entry of entries) {
    const prevHash = lastByCompany.get(entry.companyId) ?? (await chainTailHash(trx, entry.companyId, scope.recordedHead(entry.companyId)));
    const content = contentOf(entry);
    const hash = keyedAuditEntryHash(scope.key, prevHash, content);
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
  for (const companyId of lastByCompany.keys()) {
    const head = await newestEntry(trx, companyId);
    if (head) scope.heads.set(companyId, head);
  }
}

/**
 * Appends one entry: reads the company's last hash inside the transaction and chains the new entry to it.
 * Call it inside `store.write` (lockouts, enrollments, every admin action).
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntryInput): Promise<void> {
  await appendAuditEntries(trx, [entry]);
}
