import { describe, it, expect } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import {
  GENESIS_HASH,
  auditEntryHash,
  auditHashKeyId,
  canonicalAuditEntry,
  canonicalJson,
  keyedAuditEntryHash,
  verifyChain,
  verifyKeyedChain,
} from './audit-chain';
import type { AuditEntryContent, ChainedAuditEntry } from './audit-chain';

function content(i: number): AuditEntryContent {
  return {
    companyId: 'c1',
    at: Date.UTC(2026, 5, 1) + i * 1000,
    companyAt: null,
    actorId: 'admin',
    actorEmail: 'admin@example.com',
    action: i % 2 === 0 ? 'policy.update' : 'mfa.reset',
    targetId: `u${i}`,
    targetEmail: `u${i}@example.com`,
    before: i % 2 === 0 ? '{"required":false}' : null,
    after: '{"required":true}',
    evidence: null,
  };
}

function chain(n: number, firstSeq = 1): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < n; i += 1) {
    const body = content(i);
    const hash = auditEntryHash(prevHash, body);
    entries.push({ ...body, seq: firstSeq + i, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

describe('canonical serialization', () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text whatever order the entry fields were set in', () => {
    const body = content(0);
    const reordered = Object.fromEntries(Object.entries(body).reverse()) as unknown as AuditEntryContent;
    expect(canonicalAuditEntry(reordered)).toBe(canonicalAuditEntry(body));
    expect(canonicalAuditEntry({ ...body, seq: 7, hash: 'x' } as AuditEntryContent)).toBe(canonicalAuditEntry(body));
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(/non-finite/);
  });
});

describe('entry hash (R-AUD-1)', () => {
  it('is sha256 hex of prevHash followed by the canonical entry', () => {
    const body = content(0);
    const expected = bytesToHex(sha256(utf8ToBytes(GENESIS_HASH + canonicalAuditEntry(body))));
    expect(auditEntryHash(GENESIS_HASH, body)).toBe(expected);
    expect(auditEntryHash(GENESIS_HASH, body)).toMatch(/^[0-9a-f]{64}$/);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('changes with any field and with the previous hash', () => {
    const body = content(0);
    const base = auditEntryHash(GENESIS_HASH, body);
    expect(auditEntryHash(GENESIS_HASH, { ...body, evidence: '{}' })).not.toBe(base);
    expect(auditEntryHash(GENESIS_HASH, { ...body, at: body.at + 1 })).not.toBe(base);
    expect(auditEntryHash('f'.repeat(64), body)).not.toBe(base);
  });

  it('covers the simulated company time when one was recorded, and leaves older entries as they were hashed', () => {
    const body = content(0);
    const { companyAt: _absent, ...withoutField } = body;
    const legacyText = canonicalJson(withoutField);
    expect(canonicalAuditEntry(body)).toBe(legacyText);
    const shifted = { ...body, companyAt: body.at + 46 * 86_400_000 };
    expect(canonicalAuditEntry(shifted)).toContain(`"companyAt":${shifted.companyAt}`);
    expect(auditEntryHash(GENESIS_HASH, shifted)).not.toBe(auditEntryHash(GENESIS_HASH, body));
    expect(auditEntryHash(GENESIS_HASH, shifted)).not.toBe(auditEntryHash(GENESIS_HASH, { ...shifted, companyAt: shifted.companyAt + 1 }));
  });
});

describe('chain verification', () => {
  it('accepts an intact chain and returns its last hash', () => {
    const entries = chain(5);
    expect(verifyChain(entries)).toEqual({ ok: true, count: 5, lastHash: entries[4]?.hash });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  it('verifies a later segment from the hash before it, with gaps in seq allowed', () => {
    const entries = chain(6).map((entry, i) => ({ ...entry, seq: entry.seq + (i >= 3 ? 10 : 0) }));
    const first = verifyChain(entries.slice(0, 3));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(verifyChain(entries.slice(3), { startPrevHash: first.lastHash })).toMatchObject({ ok: true, count: 3 });
    expect(verifyChain(entries.slice(3))).toMatchObject({ ok: false, brokenAtSeq: 14, reason: 'prev_hash_mismatch' });
  });

  it('finds an entry changed after it was written', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: '{"required":false}' };
    const result = verifyChain(entries);
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'hash_mismatch' });
    expect(result.ok ? '' : result.message).toMatch(/Entry 3 was changed after it was written/);
  });

  it('finds a removed entry where the chain skips it', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'prev_hash_mismatch' });
  });

  it('finds a rewritten tail whose hashes were recomputed from a changed entry', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, actorEmail: 'intruder@example.com' };
    entries[1] = { ...forged, hash: auditEntryHash(forged.prevHash, forged) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'prev_hash_mismatch' });
  });

  it('refuses entries that are not in sequence order', () => {
    const entries = chain(3).map((entry, i) => ({ ...entry, seq: [1, 5, 2][i] ?? 0 }));
    const result = verifyChain(entries);
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 2, reason: 'seq_not_increasing' });
    expect(result.ok ? '' : result.message).toMatch(/out of order/);
    const swapped = chain(3);
    expect(verifyChain([swapped[0]!, swapped[2]!, swapped[1]!])).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });
});

describe('keyed chain (R-AUD-1)', () => {
  const key = { id: 'k1', bytes: new Uint8Array(32).fill(7) };
  const keyFor = (id: string) => (id === key.id ? key : null);

  function keyedChain(n: number): ChainedAuditEntry[] {
    const entries: ChainedAuditEntry[] = [];
    let prevHash = GENESIS_HASH;
    for (let i = 0; i < n; i += 1) {
      const body = content(i);
      const hash = keyedAuditEntryHash(key, prevHash, body);
      entries.push({ ...body, seq: i + 1, prevHash, hash });
      prevHash = hash;
    }
    return entries;
  }

  it('is an HMAC-SHA256 under the key, prefixed with the key id', () => {
    const body = content(0);
    const expected = bytesToHex(hmac(sha256, key.bytes, utf8ToBytes(GENESIS_HASH + canonicalAuditEntry(body))));
    const hash = keyedAuditEntryHash(key, GENESIS_HASH, body);
    expect(hash).toBe(`k1:${expected}`);
    expect(auditHashKeyId(hash)).toBe('k1');
    expect(auditHashKeyId(auditEntryHash(GENESIS_HASH, body))).toBeNull();
  });

  it('verifies an intact chain, and refuses a rewrite made without the key (plain SHA-256 recomputed)', () => {
    const entries = keyedChain(4);
    expect(verifyKeyedChain(entries, keyFor)).toMatchObject({ ok: true, count: 4 });
    const forged = chain(4);
    expect(verifyKeyedChain(forged, keyFor)).toMatchObject({ ok: false, brokenAtSeq: 1, reason: 'hash_mismatch' });
    const edited = entries.map((entry) => (entry.seq === 3 ? { ...entry, actorEmail: 'x@example.com' } : entry));
    expect(verifyKeyedChain(edited, keyFor)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'hash_mismatch' });
  });

  it('covers the company time when one was recorded, and hashes entries without one as before it existed', () => {
    const body = content(0);
    const shifted = { ...body, companyAt: body.at + 46 * 86_400_000 };
    expect(keyedAuditEntryHash(key, GENESIS_HASH, shifted)).not.toBe(keyedAuditEntryHash(key, GENESIS_HASH, body));
    expect(keyedAuditEntryHash(key, GENESIS_HASH, shifted)).not.toBe(keyedAuditEntryHash(key, GENESIS_HASH, { ...shifted, companyAt: shifted.companyAt + 1 }));
    const { companyAt: _absent, ...withoutField } = body;
    const expected = bytesToHex(hmac(sha256, key.bytes, utf8ToBytes(GENESIS_HASH + canonicalJson(withoutField))));
    expect(keyedAuditEntryHash(key, GENESIS_HASH, body)).toBe(`k1:${expected}`);
  });

  it('names a key the vault no longer has', () => {
    const result = verifyKeyedChain(keyedChain(2), () => null);
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 1, reason: 'key_missing', message: expect.stringMatching(/missing from the vault/) });
  });
});
