/**
 * The keyed audit chain on both engines (R-AUD-1): entries sealed with the vault's key, the head saved once per
 * write transaction, truncation and a missing key named, logs written before the key upgraded in place, and two
 * service instances writing one log, each with the head in its own vault.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditEntryHash } from '../../shared/domain/audit-chain';
import { openServiceKeys } from '../../src-main/service/auth/service-keys';
import { appendAudit } from '../../src-main/service/audit/append-audit';
import { withAuditChain } from '../../src-main/service/audit/keyed-audit-store';
import { verifyAuditChain } from '../../src-main/service/audit/verify-audit-chain';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { DEMO_COMPANY_ID } from '../../src-main/service/seed/demo-company';
import { seedDemoCompany } from '../../src-main/service/seed/seed-demo';
import type { Store } from '../../src-main/service/store/store';
import { testEngines } from '../fixtures/engines';
import { SEED_TIME } from '../fixtures/service-harness';
import { OPERATORS, demoEmail, startAdminHarness } from './admin-support';

/** A vault that counts how often the chain's head is written. */
class CountingVault extends MemoryVault {
  headWrites = 0;
  override async set(account: string, value: string): Promise<void> {
    if (account.startsWith('audit-chain-head:')) this.headWrites += 1;
    await super.set(account, value);
  }
}

/** Writes a plain SHA-256 chain of `count` entries the way earlier versions did. */
async function legacyChain(store: Store, count: number): Promise<void> {
  await store.write(async (trx) => {
    let prevHash = GENESIS_HASH;
    for (let i = 0; i < count; i += 1) {
      const content = { companyId: DEMO_COMPANY_ID, at: SEED_TIME + i, companyAt: null, actorId: null, actorEmail: null, action: `legacy.${i}`, targetId: null, targetEmail: null, before: null, after: '{"n":1}', evidence: null };
      const hash = auditEntryHash(prevHash, content);
      await trx
        .insertInto('audit_log')
        .values({ company_id: DEMO_COMPANY_ID, at: content.at, actor_id: null, actor_email: null, action: content.action, target_id: null, target_email: null, before: null, after: content.after, evidence: null, prev_hash: prevHash, hash })
        .execute();
      prevHash = hash;
    }
  });
}

describe.each(testEngines('audit_chain'))('keyed audit chain on $name', (engine) => {
  afterAll(() => engine.dispose());

  it('saves the head once per write, and names entries cut off the end', async () => {
    const vault = new CountingVault();
    const raw = await engine.open();
    const keys = await openServiceKeys(vault, raw);
    const h = await startAdminHarness({ store: raw, keys });
    try {
      const admin = await h.tokenFor(OPERATORS.admin);
      const ids = await Promise.all(['drew.hughes', 'kai.mueller', 'lee.nguyen', 'chris.ortega'].map((local) => h.idOf(demoEmail(local))));
      const before = vault.headWrites;
      const bulk = await h.call('POST', '/api/v1/admin/users/bulk-deactivate', { token: admin, body: { userIds: ids } });
      expect(bulk.body.deactivated).toBe(4);
      expect(vault.headWrites - before).toBe(1);
      const intact = await h.call('GET', '/api/v1/admin/audit/verify', { token: admin });
      expect(intact.body).toMatchObject({ ok: true, brokenAt: null, note: null });

      const last = await h.store.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      await h.store.write((trx) => sql`delete from audit_log where seq > ${Number(last.seq) - 2}`.execute(trx));
      const cut = await h.call('GET', '/api/v1/admin/audit/verify', { token: admin });
      expect(cut.body).toMatchObject({ ok: false, brokenAt: { seq: Number(last.seq) - 1, at: null, action: null, reason: 'tail_missing' } });
    } finally {
      await h.close();
    }
  });

  it('upgrades a chain written before the key in place; a key missing later stops the start, or is replaced when allowed', async () => {
    const raw = await engine.open();
    try {
      await seedDemoCompany(raw, SEED_TIME);
      await legacyChain(raw, 7);
      const vault = new MemoryVault();
      const keys = await openServiceKeys(vault, raw);
      expect(keys.warnings).toEqual([]);
      const rows = await raw.db.selectFrom('audit_log').select('hash').orderBy('seq').execute();
      expect(rows).toHaveLength(7);
      for (const row of rows) expect(row.hash).toMatch(new RegExp(`^${keys.audit.current.id}:`));
      expect(await verifyAuditChain(raw.db, DEMO_COMPANY_ID, keys.audit)).toEqual({ ok: true, checked: 7, note: null });

      // The same vault without the audit key: the data and SMS-code keys are there.
      const withoutKey = new MemoryVault();
      for (const prefix of ['data-key', 'sms-code-key']) {
        const id = (await vault.get(`${prefix}:current`)) ?? '';
        await withoutKey.set(`${prefix}:current`, id);
        await withoutKey.set(`${prefix}:${id}`, (await vault.get(`${prefix}:${id}`)) ?? '');
      }
      await expect(openServiceKeys(withoutKey, raw)).rejects.toThrow(
        new RegExp(`set up with the audit key, which seals the audit log, ${keys.audit.current.id} \\(fingerprint [0-9a-f]{24}\\), but that key is missing from memory.*--replace-lost-keys`),
      );
      const later = await openServiceKeys(withoutKey, raw, { replaceLostKeys: true });
      expect(later.audit.current.id).not.toBe(keys.audit.current.id);
      expect(later.warnings.join('\n')).toMatch(new RegExp(`audit key, which seals the audit log, ${keys.audit.current.id} was missing from memory, so it was replaced`));
      expect(later.warnings.join('\n')).toMatch(new RegExp(`audit log's key ${keys.audit.current.id} is missing`));
      expect(await verifyAuditChain(raw.db, DEMO_COMPANY_ID, later.audit)).toMatchObject({ ok: false, brokenAt: { reason: 'key_missing' } });
    } finally {
      await raw.close();
    }
  });

  it('lets two instances write one log, each keeping its own head: no false "cut off", and each guards what it wrote', async () => {
    const raw = await engine.open();
    try {
      await seedDemoCompany(raw, SEED_TIME);
      const vaultA = new MemoryVault();
      const keysA = await openServiceKeys(vaultA, raw);
      // Instance B's vault is a copy of A's keys, made before A wrote anything: it has no head yet.
      const vaultB = new MemoryVault();
      for (const prefix of ['data-key', 'sms-code-key', 'audit-key']) {
        const id = (await vaultA.get(`${prefix}:current`)) ?? '';
        await vaultB.set(`${prefix}:${id}`, (await vaultA.get(`${prefix}:${id}`)) ?? '');
      }
      const keysB = await openServiceKeys(vaultB, raw);
      const [a, b] = [withAuditChain(raw, keysA.audit), withAuditChain(raw, keysB.audit)];
      const write = (store: Store, action: string) =>
        store.write((trx) => appendAudit(trx, { companyId: DEMO_COMPANY_ID, when: { real: SEED_TIME, company: SEED_TIME }, actorId: null, actorEmail: null, action, targetId: null, targetEmail: null }));
      for (const [store, action] of [[a, 'a.1'], [b, 'b.1'], [a, 'a.2'], [b, 'b.2'], [b, 'b.3']] as const) await write(store, action);
      // A's head lags behind B's entries: both verify the whole log.
      expect(await verifyAuditChain(raw.db, DEMO_COMPANY_ID, keysA.audit)).toMatchObject({ ok: true, checked: 5 });
      expect(await verifyAuditChain(raw.db, DEMO_COMPANY_ID, keysB.audit)).toMatchObject({ ok: true, checked: 5 });
      // Cutting B's last entry: B, whose head names it, says so; cutting back past A's last entry, A says so too.
      const last = async () => Number((await raw.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).seq);
      const bLast = await last();
      await raw.write((trx) => sql`delete from audit_log where seq = ${bLast}`.execute(trx));
      expect(await verifyAuditChain(raw.db, DEMO_COMPANY_ID, keysB.audit)).toMatchObject({ ok: false, brokenAt: { reason: 'tail_missing' } });
      expect(await verifyAuditChain(raw.db, DEMO_COMPANY_ID, keysA.audit)).toMatchObject({ ok: true });
      const aLast = (await last()) - 1;
      await raw.write((trx) => sql`delete from audit_log where seq >= ${aLast}`.execute(trx));
      expect(await verifyAuditChain(raw.db, DEMO_COMPANY_ID, keysA.audit)).toMatchObject({ ok: false, brokenAt: { reason: 'tail_missing' } });
    } finally {
      await raw.close();
    }
  });
});
