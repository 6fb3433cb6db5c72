/**
 * R-AUD-1 keyed, hash-chained audit log. Each entry's hash is `<keyId>:` + hex HMAC-SHA256 under the audit key
 * (kept in the vault, never in the database) of `prevHash + canonical(entry)`; the first entry's prevHash is the
 * genesis constant, so changing, removing or reordering any entry breaks every hash after it, and without the key
 * nobody can recompute them. The key id in each hash says which key checks it (a missing key is named as such).
 * `seq` is not hashed (the database assigns it on insert); order is carried by the prevHash links.
 * `at` is real time; `companyAt` is the company's simulated time, recorded only when a demo clock is shifted, and
 * hashed only when present. Logs written before the key existed used a plain SHA-256 (`auditEntryHash`, with the
 * same canonical text, so entries from before `companyAt` keep their hashes); they are re-keyed in place on upgrade.
 */
import { hmac } from '@noble/hashes/hmac.js';
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

/** The unkeyed hash of logs written before the audit key: lower-case hex SHA-256 of `prevHash + canonical(entry)`. */
export function auditEntryHash(prevHash: string, entry: AuditEntryContent): string {
  return bytesToHex(sha256(utf8ToBytes(prevHash + canonicalAuditEntry(entry))));
}

/** A key of the audit chain: its id (named in every hash it made) and its 32 bytes. */
export interface AuditKey {
  readonly id: string;
  readonly bytes: Uint8Array;
}

const KEYED_HASH = /^([a-z0-9]{1,32}):([0-9a-f]{64})$/;

/** The keyed hash of an entry that follows `prevHash`: `<keyId>:` + hex HMAC-SHA256 of `prevHash + canonical(entry)`. */
export function keyedAuditEntryHash(key: AuditKey, prevHash: string, entry: AuditEntryContent): string {
  return `${key.id}:${bytesToHex(hmac(sha256, key.bytes, utf8ToBytes(prevHash + canonicalAuditEntry(entry))))}`;
}

/** The id of the key a stored hash was made with, or null for an unkeyed (or malformed) hash. */
export function auditHashKeyId(hash: string): string | null {
  return KEYED_HASH.exec(hash)?.[1] ?? null;
}

/** Why a chain does not verify. */
export type ChainBreak = 'seq_not_increasing' | 'prev_hash_mismatch' | 'hash_mismatch' | 'key_missing';

/** Outcome of verifying a chain. `lastHash` lets a later call verify only the entries after these. */
export type ChainVerification =
  | { readonly ok: true; readonly count: number; readonly lastHash: string }
  | { readonly ok: false; readonly brokenAtSeq: number; readonly reason: ChainBreak; readonly message: string };

function broken(seq: number, reason: ChainBreak): ChainVerification {
  const messages: Record<ChainBreak, string> = {
    seq_not_increasing: `Entry ${seq} is out of order: entries must be checked in sequence order.`,
    prev_hash_mismatch: `Entry ${seq} does not follow the entry before it: an earlier entry was removed, added or changed.`,
    hash_mismatch: `Entry ${seq} was changed after it was written: its content no longer matches its hash.`,
    key_missing: `Entry ${seq} was sealed with an audit key that is missing from the vault, so it and the entries after it cannot be checked.`,
  };
  return { ok: false, brokenAtSeq: seq, reason, message: messages[reason] };
}

/** Walks entries in `seq` order from `startPrevHash`, checking order, links, and each hash with `checkHash`. */
function walkChain(
  entries: Iterable<ChainedAuditEntry>,
  startPrevHash: string,
  checkHash: (entry: ChainedAuditEntry) => ChainBreak | null,
): ChainVerification {
  let expectedPrev = startPrevHash;
  let lastSeq = -Infinity;
  let count = 0;
  for (const entry of entries) {
    if (!(entry.seq > lastSeq)) return broken(entry.seq, 'seq_not_increasing');
    if (entry.prevHash !== expectedPrev) return broken(entry.seq, 'prev_hash_mismatch');
    const problem = checkHash(entry);
    if (problem !== null) return broken(entry.seq, problem);
    expectedPrev = entry.hash;
    lastSeq = entry.seq;
    count += 1;
  }
  return { ok: true, count, lastHash: expectedPrev };
}

/**
 * Verify keyed entries given in `seq` order with the keys `keyFor` finds by id (null: not in the vault). By default
 * they must start the chain (prevHash = genesis); pass `startPrevHash` (the `lastHash` of an earlier verification)
 * to verify a later segment. An unkeyed entry counts as changed: only the key can make a valid hash.
 */
export function verifyKeyedChain(
  entries: Iterable<ChainedAuditEntry>,
  keyFor: (id: string) => AuditKey | null,
  options: { readonly startPrevHash?: string } = {},
): ChainVerification {
  return walkChain(entries, options.startPrevHash ?? GENESIS_HASH, (entry) => {
    const keyId = auditHashKeyId(entry.hash);
    if (keyId === null) return 'hash_mismatch';
    const key = keyFor(keyId);
    if (key === null) return 'key_missing';
    return keyedAuditEntryHash(key, entry.prevHash, entry) === entry.hash ? null : 'hash_mismatch';
  });
}

/**
 * Verify unkeyed (legacy) entries given in `seq` order. By default they must start the chain (prevHash = genesis);
 * pass `startPrevHash` (the `lastHash` of an earlier verification) to verify a later segment.
 */
export function verifyChain(
  entries: Iterable<ChainedAuditEntry>,
  options: { readonly startPrevHash?: string } = {},
): ChainVerification {
  return walkChain(entries, options.startPrevHash ?? GENESIS_HASH, (entry) =>
    auditEntryHash(entry.prevHash, entry) === entry.hash ? null : 'hash_mismatch',
  );
}
