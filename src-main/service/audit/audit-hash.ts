/**
 * The audit log's hash chain (R-AUD-1): each entry's hash covers its stored fields and the previous entry's hash,
 * so changing, removing or reordering any entry breaks every hash after it.
 */
import { createHash } from 'node:crypto';

/** The `prev_hash` of a company's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields an entry's hash covers, exactly as they are in the `audit_log` row (JSON as text). */
export interface HashedAuditFields {
  company_id: string;
  at: number;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_id: string | null;
  target_email: string | null;
  before: string | null;
  after: string | null;
  evidence: string | null;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key];
      if (inner !== undefined) sorted[key] = sortKeys(inner);
    }
    return sorted;
  }
  return value;
}

/**
 * JSON text with object keys sorted at every level (undefined members dropped): the same value always gives the
 * same text, whatever order its keys were built in. `undefined` itself gives null (nothing stored).
 */
export function canonicalJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(sortKeys(value));
}

/** SHA-256 (hex) of the previous hash and the entry's fields, in a fixed order. */
export function auditEntryHash(prevHash: string, fields: HashedAuditFields): string {
  const material = JSON.stringify([
    prevHash,
    fields.company_id,
    Number(fields.at),
    fields.actor_id,
    fields.actor_email,
    fields.action,
    fields.target_id,
    fields.target_email,
    fields.before,
    fields.after,
    fields.evidence,
  ]);
  return createHash('sha256').update(material, 'utf8').digest('hex');
}
