/**
 * Migration 012 on a database migrated up to 011: users marked pending by a flag keep their pending change (now a
 * `pending_changes` row, numbered by the next sync), the flag and the two indexes whose columns every sign-in changed
 * are gone, and on PostgreSQL the rows a sign-in changes leave room on their pages (fillfactor 85).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { numberPendingChanges } from '../../src-main/service/admin/user-writes';
import { migrationProvider } from '../../src-main/service/store/migrate';
import type { Database } from '../../src-main/service/store/schema';
import { NodeSqliteDialect } from '../../src-main/service/store/sqlite-dialect';
import { openStore } from '../../src-main/service/store/store';
import { testEngines } from '../fixtures/engines';
import { companyRow, userRow } from '../fixtures/store-rows';

describe('migration 012: pending marks in their own table, sign-ins that change no indexed column', () => {
  it('moves the users marked pending into pending_changes, and drops the flag and the two indexes', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'mfa-012-'));
    const file = join(folder, 'mfa.sqlite');
    try {
      const old = new Kysely<Database>({ dialect: new NodeSqliteDialect(new DatabaseSync(file)) });
      try {
        const migrated = await new Migrator({ db: old, provider: migrationProvider('sqlite') }).migrateTo('011-pending-changes');
        expect(migrated.error).toBeUndefined();
        await old.insertInto('companies').values(companyRow('c1')).execute();
        await old.insertInto('users').values(['a', 'b', 'c'].map((name) => userRow('c1', `${name}@example.com`))).execute();
        await sql`update users set change_pending = 1 where email in ('a@example.com', 'c@example.com')`.execute(old);
      } finally {
        await old.destroy();
      }

      const store = await openStore({ file });
      try {
        const pending = await store.db.selectFrom('pending_changes').select('user_id').orderBy('user_id').execute();
        expect(pending.map((row) => row.user_id)).toEqual(['c1:a@example.com', 'c1:c@example.com']);
        const columns = await sql<{ name: string }>`select name from pragma_table_info('users')`.execute(store.db);
        expect(columns.rows.map((row) => row.name)).not.toContain('change_pending');
        const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'users'`.execute(store.db);
        const names = indexes.rows.map((row) => row.name);
        expect(names).toContain('users_company_change_seq_idx');
        expect(names).not.toContain('users_change_pending_idx');
        expect(names).not.toContain('users_company_last_sign_in_idx');
        expect(await numberPendingChanges(store)).toBe(2);
        expect(await store.db.selectFrom('pending_changes').select('user_id').execute()).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  const postgres = testEngines('migration_012').filter((engine) => engine.name === 'PostgreSQL');
  afterAll(async () => {
    for (const engine of postgres) await engine.dispose();
  });
  it.each(postgres.map((engine) => [engine.name, engine] as const))('leaves 15 %% of each page free on %s for the rows a sign-in changes', async (_name, engine) => {
    const store = await engine.open();
    try {
      const options = await sql<{ relname: string; reloptions: string[] | null }>`
        select relname, reloptions from pg_class
        where relnamespace = current_schema()::regnamespace and relname in ('users', 'sessions', 'mfa_methods') order by relname`.execute(store.db);
      expect(options.rows).toEqual([
        { relname: 'mfa_methods', reloptions: ['fillfactor=85'] },
        { relname: 'sessions', reloptions: ['fillfactor=85'] },
        { relname: 'users', reloptions: ['fillfactor=85'] },
      ]);
    } finally {
      await store.close();
    }
  });
});
