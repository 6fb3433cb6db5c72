/**
 * Upgrade in place: a data folder written by 0.1.0 (sql.js, the whole file rewritten per write) opens on
 * node:sqlite with every row and an intact audit hash chain, and is switched to WAL for the writes after it.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src-main/service/audit/verify-audit-chain';
import { DEMO_COMPANY_ID } from '../../src-main/service/seed/demo-company';
import type { Database } from '../../src-main/service/store/schema';
import { openStore } from '../../src-main/service/store/store';

const FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'v0.1.0');

interface Manifest {
  rows: Record<string, number>;
  lastAudit: { seq: number; hash: string };
  auditEntriesChecked: number;
  changeSeq: number;
}

let dir: string;
let file: string;
let manifest: Manifest;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mfa-upgrade-'));
  file = path.join(dir, 'service', 'mfa.sqlite');
  await mkdir(path.dirname(file));
  await copyFile(path.join(FIXTURE, 'mfa.sqlite'), file);
  manifest = JSON.parse(await readFile(path.join(FIXTURE, 'manifest.json'), 'utf8')) as Manifest;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function countRows(table: string, db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(result.rows[0]?.n);
}

describe('opening a 0.1.0 database file', () => {
  it('keeps every row of every table, the change sequence and the audit chain', async () => {
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
    expect(await verifyAuditChain(store.db, DEMO_COMPANY_ID)).toEqual({ ok: true, checked: manifest.auditEntriesChecked });
    const seq = await store.db.selectFrom('meta').select('value').where('key', '=', 'change_seq').executeTakeFirstOrThrow();
    expect(Number(seq.value)).toBe(manifest.changeSeq);
    await store.close();
  });

  it('switches the file to WAL, and the data stays whole across writes and reopening', async () => {
    const store = await openStore({ file });
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    await store.write((trx) => trx.updateTable('meta').set({ value: 'upgraded' }).where('key', '=', 'nothing').execute());
    await store.close();

    const reopened = await openStore({ file });
    expect(await verifyAuditChain(reopened.db, DEMO_COMPANY_ID)).toMatchObject({ ok: true });
    expect(await countRows('users', reopened.db)).toBe(manifest.rows.users);
    await reopened.close();
    expect((await readFile(file)).readUInt8(18), 'the file format now says WAL').toBe(2);
  });
});
