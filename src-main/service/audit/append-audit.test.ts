import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store';
import { appendAudit, appendAuditEntries, storedJson } from './append-audit';
import { GENESIS_HASH } from '../../../shared/domain/audit-chain';
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

describe('append-only hash-chained audit log', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ memory: true });
    await seedCompany(store, COMPANY);
    await seedCompany(store, 'company-b');
  });
  afterEach(async () => {
    await store.close();
  });

  it('chains each entry to the one before, starting from the genesis hash', async () => {
    await store.write((trx) => appendAudit(trx, entry('policy.update', 1, { before: { b: 1, a: 2 }, after: { a: 3 } })));
    await store.write((trx) => appendAudit(trx, entry('user.deactivate', 2)));
    const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[0]?.before).toBe('{"a":2,"b":1}');
    expect(rows[1]?.before).toBeNull();
    expect(await verifyAuditChain(store.db, COMPANY)).toEqual({ ok: true, checked: 2 });
  });

  it('keeps one chain per company', async () => {
    await store.write((trx) => appendAuditEntries(trx, [entry('a', 1), { ...entry('b', 2), companyId: 'company-b' }, entry('c', 3)]));
    const b = await store.db.selectFrom('audit_log').selectAll().where('company_id', '=', 'company-b').execute();
    expect(b[0]?.prev_hash).toBe(GENESIS_HASH);
    expect((await verifyAuditChain(store.db, COMPANY)).ok).toBe(true);
    expect((await verifyAuditChain(store.db, 'company-b')).ok).toBe(true);
  });

  it('names the first entry whose content was changed', async () => {
    await store.write((trx) => appendAuditEntries(trx, [entry('a', 1), entry('b', 2), entry('c', 3)]));
    await store.write((trx) => sql`update audit_log set actor_email = 'someone@else.example' where action = 'b'`.execute(trx));
    const result = await verifyAuditChain(store.db, COMPANY);
    expect(result).toMatchObject({ ok: false, checked: 1, brokenAt: { action: 'b', reason: 'content_mismatch' } });
  });

  it('names the entry after a removed one', async () => {
    await store.write((trx) => appendAuditEntries(trx, [entry('a', 1), entry('b', 2), entry('c', 3)]));
    await store.write((trx) => sql`delete from audit_log where action = 'b'`.execute(trx));
    const result = await verifyAuditChain(store.db, COMPANY);
    expect(result).toMatchObject({ ok: false, brokenAt: { action: 'c', reason: 'link_mismatch' } });
  });

  it('writes nothing when the surrounding write fails', async () => {
    await expect(
      store.write(async (trx) => {
        await appendAudit(trx, entry('a', 1));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(0);
  });

  it('stores canonical JSON: key order ignored, undefined members dropped', () => {
    expect(storedJson({ b: [{ y: 1, x: undefined, a: 2 }], a: null })).toBe('{"a":null,"b":[{"a":2,"y":1}]}');
    expect(storedJson(undefined)).toBeNull();
  });
});
