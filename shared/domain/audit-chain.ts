/**
 * R-AUD-1 hash-chained audit log. Each entry's hash is `sha256hex(prevHash + canonical(entry))`, the first entry's
 * prevHash is the genesis constant, so changing, removing or reordering any entry breaks every hash after it.
 * `seq` is not hashed (the database assigns it on insert); order is carried by the prevHash links.
 * `at` is real time; `companyAt` is the company's simulated time, recorded only when a demo clock is shifted.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** prevHash of the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of an entry. `before`, `after` and `evidence` are the stored JSON text (or null). */
export interface AuditEntryContent {
  readonly companyId: string;
  /** Real time of the action (epoch ms): an audit entry is evidence, so it never follows a simulated clock. */
  readonly at: number;
  /** The company's simulated time at that moment, or null when its clock was not shifted. */
  readonly companyAt: number | null;
  readonly actorId: string | null;
  readonly actorEmail: string | null;
  readonly action: string;
  readonly targetId: string | null;
  readonly targetEmail: string | null;
  readonly before: string | null;
  readonly after: string | null;
  readonly evidence: string | null;
}

/** A stored entry: content plus its position and links. */
export interface ChainedAuditEntry extends AuditEntryContent {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * JSON with object keys sorted at every level and no spaces: the same value always gives the same text.
 * Throws on what JSON cannot carry faithfully (undefined, functions, non-finite numbers, bigint).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Cannot hash a non-finite number.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  throw new TypeError(`Cannot hash a value of type ${typeof value}.`);
}

/**
 * The canonical text of an entry's content (only the fields of `AuditEntryContent`, whatever else it carries).
 * `companyAt` is hashed only when present, so entries written before it existed keep their hashes.
 */
export function canonicalAuditEntry(entry: AuditEntryContent): string {
  return canonicalJson({
    companyId: entry.companyId,
    at: entry.at,
    ...(entry.companyAt === null ? {} : { companyAt: entry.companyAt }),
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetId: entry.targetId,
    targetEmail: entry.targetEmail,
    before: entry.before,
    after: entry.after,
    evidence: entry.evidence,
  });
}

/** The hash of an entry that follows `prevHash`: lower-case hex SHA-256 of `prevHash + canonical(entry)`. */
export function auditEntryHash(prevHash: string, entry: AuditEntryContent): string {
  return bytesToHex(sha256(utf8ToBytes(prevHash + canonicalAuditEntry(entry))));
}

/** Why a chain does not verify. */
export type ChainBreak = 'seq_not_increasing' | 'prev_hash_mismatch' | 'hash_mismatch';

/** Outcome of verifying a chain. `lastHash` lets a later call verify only the entries after these. */
export type ChainVerification =
  | { readonly ok: true; readonly count: number; readonly lastHash: string }
  | { readonly ok: false; readonly brokenAtSeq: number; readonly reason: ChainBreak; readonly message: string };

function broken(seq: number, reason: ChainBreak): ChainVerification {
  const messages: Record<ChainBreak, string> = {
    seq_not_increasing: `Entry ${seq} is out of order: entries must be checked in sequence order.`,
    prev_hash_mismatch: `Entry ${seq} does not follow the entry before it: an earlier entry was removed, added or changed.`,
    hash_mismatch: `Entry ${seq} was changed after it was written: its content no longer matches its hash.`,
  };
  return { ok: false, brokenAtSeq: seq, reason, message: messages[reason] };
}

/**
 * Verify entries given in `seq` order. By default they must start the chain (prevHash = genesis); pass
 * `startPrevHash` (the `lastHash` of an earlier verification) to verify a later segment.
 */
export function verifyChain(
  entries: Iterable<ChainedAuditEntry>,
  options: { readonly startPrevHash?: string } = {},
): ChainVerification {
  let expectedPrev = options.startPrevHash ?? GENESIS_HASH;
  let lastSeq = -Infinity;
  let count = 0;
  for (const entry of entries) {
    if (!(entry.seq > lastSeq)) return broken(entry.seq, 'seq_not_increasing');
    if (entry.prevHash !== expectedPrev) return broken(entry.seq, 'prev_hash_mismatch');
    if (auditEntryHash(entry.prevHash, entry) !== entry.hash) return broken(entry.seq, 'hash_mismatch');
    expectedPrev = entry.hash;
    lastSeq = entry.seq;
    count += 1;
  }
  return { ok: true, count, lastHash: expectedPrev };
}
