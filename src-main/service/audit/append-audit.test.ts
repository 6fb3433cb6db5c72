import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditEntryHash } from '../../../shared/domain/audit-chain';
import { MemoryVault } from '../secrets/memory-vault';
import { openStore, type Store } from '../store/store';
import { appendAudit, appendAuditEntries, storedJson } from './append-audit';
import { AuditChainKeys } from './audit-chain-keys';
import { withAuditChain } from './keyed-audit-store';
import { AUDIT_KEYED_META, upgradeAuditChains } from './upgrade-audit-chain';
import { verifyAuditChain } from './verify-audit-chain';

const COMPANY = 'company-a';

async function seedCompany(store: Store, id: string): Promise<void> {
  await store.write((trx) =>
    trx.insertInto('companies').values({ id, name: id, sso_domains: '[]', is_demo: 0, clock_offset_ms: 0, created_at: 0 }).execute(),
  );
}

function entry(action: string, at: number, extra: Partial<Parameters<typeof appendAudit>[1]> = {}): Parameters<typeof appendAudit>[1] {
  return { companyId: COMPANY, when: { real: at, company: at }, actorId: 'u1', actorEmail: 'a@x.example', action, targetId: null, targetEmail: null, ...extra };
}

/** A vault that counts how often the chain's head is written. */
class CountingVault extends MemoryVault {
  headWrites = 0;
  override async set(account: string, value: string): Promise<void> {
    if (account.startsWith('audit-chain-head:')) this.headWrites += 1;
    await super.set(account, value);
  }
}

describe('keyed, hash-chained audit log (R-AUD-1)', () => {
  let raw: Store;
  let store: Store;
  let vault: CountingVault;
  let chain: AuditChainKeys;
  beforeEach(async () => {
    raw = await openStore({ memory: true });
    vault = new CountingVault();
    chain = await AuditChainKeys.open(vault, 'db-1');
    store = withAuditChain(raw, chain);
    await seedCompany(store, COMPANY);
    await seedCompany(store, 'company-b');
  });
  afterEach(async () => {
    await store.close();
  });
  const verify = (company = COMPANY) => verifyAuditChain(store.db, company, chain);

  it('seals each entry with the audit key, chained to the one before from the genesis hash', async () => {
    await store.write((trx) => appendAudit(trx, entry('policy.update', 1, { before: { b: 1, a: 2 }, after: { a: 3 } })));
    await store.write((trx) => appendAudit(trx, entry('user.deactivate', 2)));
    const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[0]?.hash).toMatch(new RegExp(`^${chain.current.id}:[0-9a-f]{64}$`));
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[0]?.before).toBe('{"a":2,"b":1}');
    expect(rows[1]?.before).toBeNull();
    expect(await verify()).toEqual({ ok: true, checked: 2, note: null });
  });

  it('keeps one chain per company', async () => {
    await store.write((trx) => appendAuditEntries(trx, [entry('a', 1), { ...entry('b', 2), companyId: 'company-b' }, entry('c', 3)]));
    const b = await store.db.selectFrom('audit_log').selectAll().where('company_id', '=', 'company-b').execute();
    expect(b[0]?.prev_hash).toBe(GENESIS_HASH);
    expect((await verify()).ok).toBe(true);
    expect((await verify('company-b')).ok).toBe(true);
  });

  it('saves the head in the vault once per write transaction, not once per entry', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => entry(`bulk.${i}`, i));
    await store.write(async (trx) => {
      await appendAuditEntries(trx, many);
      await appendAudit(trx, entry('after', 2000));
    });
    expect(vault.headWrites).toBe(1);
    const last = await store.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(await chain.head(COMPANY)).toEqual({ seq: Number(last.seq), hash: last.hash });
    await store.write((trx) => trx.updateTable('companies').set({ name: 'no audit here' }).where('id', '=', COMPANY).execute());
    expect(vault.headWrites).toBe(1);
  });

  it('names an edited entry, even when its plain hash was recomputed without the key', async () => {
    await store.write((trx) => appendAuditEntries(trx, [entry('a', 1), entry('b', 2), entry('c', 3)]));
    await store.write((trx) => sql`update audit_log set actor_email = 'someone@else.example' where action = 'b'`.execute(trx));
    expect(await verify()).toMatchObject({ ok: false, checked: 1, brokenAt: { action: 'b', reason: 'content_mismatch' } });
    const b = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'b').executeTakeFirstOrThrow();
    const forged = auditEntryHash(b.prev_hash, { ...b, companyId: b.company_id, actorId: b.actor_id, actorEmail: b.actor_email, targetId: b.target_id, targetEmail: b.target_email, at: Number(b.at), companyAt: null });
    await store.write((trx) => sql`update audit_log set hash = ${forged} where action = 'b'`.execute(trx));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { action: 'b', reason: 'content_mismatch' } });
  });

  it('seals the company time with the entry when a demo clock is shifted, so changing it is named', async () => {
    const shifted = 46 * 86_400_000;
    await store.write((trx) => appendAuditEntries(trx, [entry('a', 1), entry('b', 2, { when: { real: 2, company: 2 + shifted } }), entry('c', 3)]));
    const b = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'b').executeTakeFirstOrThrow();
    expect(Number(b.company_at)).toBe(2 + shifted);
    expect(await verify()).toEqual({ ok: true, checked: 3, note: null });
    await store.write((trx) => sql`update audit_log set company_at = ${3 + shifted} where action = 'b'`.execute(trx));
    expect(await verify()).toMatchObject({ ok: false, checked: 1, brokenAt: { action: 'b', reason: 'content_mismatch' } });
    await store.write((trx) => sql`update audit_log set company_at = null where action = 'b'`.execute(trx));
    expect(await verify()).toMatchObject({ ok: false, checked: 1, brokenAt: { action: 'b', reason: 'content_mismatch' } });
  });

  it('names the entry after a removed one, entries cut off the end, and never seals over such a gap', async () => {
    await store.write((trx) => appendAuditEntries(trx, [entry('a', 1), entry('b', 2), entry('c', 3), entry('d', 4)]));
    await store.write((trx) => sql`delete from audit_log where action in ('c', 'd')`.execute(trx));
    const cut = await verify();
    expect(cut).toMatchObject({ ok: false, checked: 2, brokenAt: { reason: 'tail_missing', at: null, action: null, message: expect.stringMatching(/2 entries were cut off the end/) } });
    await store.write((trx) => appendAudit(trx, entry('e', 5)));
    expect(await verify()).toMatchObject({ ok: false, checked: 2, brokenAt: { action: 'e', reason: 'link_mismatch' } });
    await store.write((trx) => sql`delete from audit_log where action = 'a'`.execute(trx));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { action: 'b', reason: 'link_mismatch' } });
  });

  it('names a missing key and a missing head', async () => {
    await store.write((trx) => appendAuditEntries(trx, [entry('a', 1), entry('b', 2)]));
    const otherVault = new MemoryVault();
    const stranger = await AuditChainKeys.open(otherVault, 'db-1');
    const missing = await verifyAuditChain(store.db, COMPANY, stranger);
    expect(missing).toMatchObject({ ok: false, checked: 0, brokenAt: { seq: expect.any(Number), reason: 'key_missing', message: expect.stringMatching(new RegExp(`Restore the audit key ${chain.current.id}`)) } });
    await otherVault.set(`audit-key:${chain.current.id}`, Buffer.from(chain.current.bytes).toString('base64url'));
    expect(await verifyAuditChain(store.db, COMPANY, stranger)).toMatchObject({ ok: false, brokenAt: { reason: 'head_missing' } });
  });

  it('keeps the heads of two databases that share one vault (one keychain, several data folders) apart', async () => {
    const other = withAuditChain(await openStore({ memory: true }), await AuditChainKeys.open(vault, 'db-2'));
    await seedCompany(other, COMPANY);
    await store.write((trx) => appendAuditEntries(trx, [entry('a', 1), entry('b', 2)]));
    await other.write((trx) => appendAudit(trx, entry('x', 3)));
    expect(await verify()).toEqual({ ok: true, checked: 2, note: null });
    const otherChain = await AuditChainKeys.open(vault, 'db-2');
    expect(await verifyAuditChain(other.db, COMPANY, otherChain)).toEqual({ ok: true, checked: 1, note: null });
    await other.close();
  });

  it('refuses to append outside a write of the bound store', async () => {
    await expect(raw.write((trx) => appendAudit(trx, entry('a', 1)))).rejects.toThrow(/bound to the audit chain/);
  });

  it('writes nothing when the surrounding write fails', async () => {
    await expect(
      store.write(async (trx) => {
        await appendAudit(trx, entry('a', 1));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(0);
    expect(vault.headWrites).toBe(0);
  });

  it('stores canonical JSON: key order ignored, undefined members dropped', () => {
    expect(storedJson({ b: [{ y: 1, x: undefined, a: 2 }], a: null })).toBe('{"a":null,"b":[{"a":2,"y":1}]}');
    expect(storedJson(undefined)).toBeNull();
  });
});

describe('upgrading a chain written before the audit key', () => {
  /**
   * Writes a plain SHA-256 chain the way earlier versions did: 0.1.0 had no company time, 0.2 (issue 9a) hashed it
   * only when a demo clock was shifted; `companyAt` gives it per action.
   */
  async function legacyChain(store: Store, actions: string[], companyAt: Record<string, number> = {}): Promise<void> {
    await store.write(async (trx) => {
      let prevHash = GENESIS_HASH;
      for (const [i, action] of actions.entries()) {
        const shifted = companyAt[action] ?? null;
        const content = { companyId: COMPANY, at: i, companyAt: shifted, actorId: 'u1', actorEmail: 'a@x.example', action, targetId: null, targetEmail: null, before: null, after: null, evidence: null };
        const hash = auditEntryHash(prevHash, content);
        await trx
          .insertInto('audit_log')
          .values({ company_id: COMPANY, at: i, company_at: shifted, actor_id: 'u1', actor_email: 'a@x.example', action, target_id: null, target_email: null, before: null, after: null, evidence: null, prev_hash: prevHash, hash })
          .execute();
        prevHash = hash;
      }
    });
  }

  it('seals an intact legacy chain with the key in place, once, and records its head', async () => {
    const raw = await openStore({ memory: true });
    await seedCompany(raw, COMPANY);
    await legacyChain(raw, ['a', 'b', 'c']);
    const chain = await AuditChainKeys.open(new MemoryVault(), 'db-1');
    expect(await upgradeAuditChains(raw, chain)).toBe(3);
    expect(await upgradeAuditChains(raw, chain)).toBe(0);
    expect((await raw.db.selectFrom('meta').select('value').where('key', '=', AUDIT_KEYED_META).executeTakeFirst())?.value).toBe(chain.current.id);
    const store = withAuditChain(raw, chain);
    await store.write((trx) => appendAudit(trx, entry('d', 4)));
    expect(await verifyAuditChain(store.db, COMPANY, chain)).toEqual({ ok: true, checked: 4, note: null });
    await store.close();
  });

  it('reseals a plain chain whose entries hashed the company time only when a demo clock was shifted', async () => {
    const raw = await openStore({ memory: true });
    await seedCompany(raw, COMPANY);
    await legacyChain(raw, ['a', 'b', 'c'], { b: 1 + 46 * 86_400_000 });
    const chain = await AuditChainKeys.open(new MemoryVault(), 'db-1');
    expect(await upgradeAuditChains(raw, chain)).toBe(3);
    expect(await verifyAuditChain(raw.db, COMPANY, chain)).toEqual({ ok: true, checked: 3, note: null });
    await raw.write((trx) => sql`update audit_log set company_at = null where action = 'b'`.execute(trx));
    expect(await verifyAuditChain(raw.db, COMPANY, chain)).toMatchObject({ ok: false, brokenAt: { action: 'b', reason: 'content_mismatch' } });
    await raw.close();
  });

  it('leaves a legacy break where it was instead of sealing over it', async () => {
    const raw = await openStore({ memory: true });
    await seedCompany(raw, COMPANY);
    await legacyChain(raw, ['a', 'b', 'c', 'd']);
    await raw.write((trx) => sql`update audit_log set actor_email = 'edited@x.example' where action = 'c'`.execute(trx));
    const chain = await AuditChainKeys.open(new MemoryVault(), 'db-1');
    expect(await upgradeAuditChains(raw, chain)).toBe(2);
    expect(await verifyAuditChain(raw.db, COMPANY, chain)).toMatchObject({ ok: false, checked: 2, brokenAt: { action: 'c' } });
    await raw.close();
  });
});
