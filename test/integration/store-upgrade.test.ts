/**
 * Upgrade in place: a data folder written by 0.1.0 (sql.js, the whole file rewritten per write) opens on
 * node:sqlite with every row and an intact audit hash chain, is switched to WAL for the writes after it, and its
 * plain audit chain is sealed again with the audit key at the service's first start, in place, and verifies.
 */
import { readFile } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHashKeyId } from '../../shared/domain/audit-chain';
import { appendAudit } from '../../src-main/service/audit/append-audit';
import { withAuditChain } from '../../src-main/service/audit/keyed-audit-store';
import { AUDIT_KEYED_META } from '../../src-main/service/audit/upgrade-audit-chain';
import { verifyAuditChain } from '../../src-main/service/audit/verify-audit-chain';
import { openServiceKeys } from '../../src-main/service/auth/service-keys';
import { DEMO_COMPANY_ID, DEMO_HELPDESK_EMAIL } from '../../src-main/service/seed/demo-company';
import type { Database } from '../../src-main/service/store/schema';
import { openStore } from '../../src-main/service/store/store';
import { copyV010Folder, verifyPlainChain, type V010Folder } from '../fixtures/v010-folder';

let folder: V010Folder;

beforeEach(async () => {
  folder = await copyV010Folder();
});

afterEach(async () => {
  await folder.remove();
});

async function countRows(table: string, db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(result.rows[0]?.n);
}

describe('opening a 0.1.0 database file', () => {
  it('keeps every row of every table, the change sequence and the audit chain', async () => {
    const { file, manifest } = folder;
    const original = await readFile(file);
    expect(original.readUInt8(18), 'the fixture is a rollback-journal file, as sql.js wrote it').toBe(1);
    const store = await openStore({ file });
    for (const [table, count] of Object.entries(manifest.rows)) {
      if (table === 'kysely_migration') continue;
      expect(await countRows(table, store.db), table).toBe(count);
    }
    const applied = await countRows('kysely_migration', store.db);
    expect(applied).toBeGreaterThanOrEqual(manifest.rows.kysely_migration ?? 1);
    const last = await store.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect({ seq: Number(last.seq), hash: last.hash }).toEqual(manifest.lastAudit);
    expect(await verifyPlainChain(store, DEMO_COMPANY_ID)).toMatchObject({ ok: true, count: manifest.auditEntriesChecked });
    const seq = await store.db.selectFrom('meta').select('value').where('key', '=', 'change_seq').executeTakeFirstOrThrow();
    expect(Number(seq.value)).toBe(manifest.changeSeq);
    await store.close();
  });

  it('gives the demo helpdesk person the Helpdesk permission, keeps sign-in activity 90 days, and starts it empty', async () => {
    const store = await openStore({ file: folder.file });
    const helpdesk = await store.db.selectFrom('users').select(['email_lower', 'perm_helpdesk']).where('perm_helpdesk', '=', 1).execute();
    expect(helpdesk).toEqual([{ email_lower: DEMO_HELPDESK_EMAIL, perm_helpdesk: 1 }]);
    const policy = await store.db.selectFrom('policies').select('sign_in_retention_days').where('company_id', '=', DEMO_COMPANY_ID).executeTakeFirstOrThrow();
    expect(policy.sign_in_retention_days).toBe(90);
    expect(await countRows('sign_in_activity', store.db)).toBe(0);
    expect(await countRows('access_codes', store.db)).toBe(0);
    await store.close();
  });

  it('switches the file to WAL, and the data stays whole across writes and reopening', async () => {
    const { file, manifest } = folder;
    const store = await openStore({ file });
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    await store.write((trx) => trx.updateTable('meta').set({ value: 'upgraded' }).where('key', '=', 'nothing').execute());
    await store.close();

    const reopened = await openStore({ file });
    expect(await verifyPlainChain(reopened, DEMO_COMPANY_ID)).toMatchObject({ ok: true });
    expect(await countRows('users', reopened.db)).toBe(manifest.rows.users);
    await reopened.close();
    expect((await readFile(file)).readUInt8(18), 'the file format now says WAL').toBe(2);
  });

  it('seals its audit chain with the audit key in place at the first start, once, and it verifies with new entries after it', async () => {
    const { file, manifest } = folder;
    const store = await openStore({ file });
    const keys = await openServiceKeys(await folder.openVault(), store);
    const rows = await store.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'asc').execute();
    expect(rows).toHaveLength(manifest.auditEntriesChecked);
    expect(rows.every((row) => auditHashKeyId(row.hash) === keys.audit.current.id)).toBe(true);
    expect(Number(rows.at(-1)?.seq)).toBe(manifest.lastAudit.seq);
    expect(await keys.audit.head(DEMO_COMPANY_ID)).toEqual({ seq: manifest.lastAudit.seq, hash: rows.at(-1)?.hash });
    expect(await verifyAuditChain(store.db, DEMO_COMPANY_ID, keys.audit)).toEqual({ ok: true, checked: manifest.auditEntriesChecked, note: null });
    expect(await verifyPlainChain(store, DEMO_COMPANY_ID)).toMatchObject({ ok: false, brokenAtSeq: 1 });
    await store.close();

    const reopened = await openStore({ file });
    const again = await openServiceKeys(await folder.openVault(), reopened);
    expect(again.audit.current.id).toBe(keys.audit.current.id);
    expect((await reopened.db.selectFrom('meta').select('value').where('key', '=', AUDIT_KEYED_META).executeTakeFirstOrThrow()).value).toBe(keys.audit.current.id);
    const resealedOnce = await reopened.db.selectFrom('audit_log').select('hash').orderBy('seq', 'asc').execute();
    expect(resealedOnce.map((row) => row.hash)).toEqual(rows.map((row) => row.hash));
    const chained = withAuditChain(reopened, again.audit);
    await chained.write((trx) =>
      appendAudit(trx, { companyId: DEMO_COMPANY_ID, when: { real: 2_000, company: 9_000 }, actorId: null, actorEmail: null, action: 'demo.clock_shifted', targetId: null, targetEmail: null }),
    );
    expect(await verifyAuditChain(chained.db, DEMO_COMPANY_ID, again.audit)).toEqual({ ok: true, checked: manifest.auditEntriesChecked + 1, note: null });
    await chained.close();
  });
});
