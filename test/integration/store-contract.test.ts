/**
 * The store contract: the same tests against SQLite (node:sqlite, a real file) and PostgreSQL, so repositories behave the
 * same on both. PostgreSQL runs when MFA_TEST_PG_URL is set (postgres://user:password@host:5432/database; the
 * user needs CREATE on that database): each test gets a fresh schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src-main/service/store/migrate';
import { currentChangeSeq, nextChangeSeq } from '../../src-main/service/store/change-seq';
import { numberPendingChanges, updateUsersBatch } from '../../src-main/service/admin/user-writes';
import { updateUserMfa } from '../../src-main/service/repositories/users-repo';
import type { Database } from '../../src-main/service/store/schema';
import { StoreError, isForeignKeyViolation, isUniqueViolation } from '../../src-main/service/store/store-error';
import { openStore, type Store } from '../../src-main/service/store/store';
import { AT, auditRow, companyRow, userRow } from '../fixtures/store-rows';
import { dropTestSchema } from '../fixtures/pg-schema';

const PG_URL = process.env.MFA_TEST_PG_URL;
if (!PG_URL) {
  console.warn(
    'store-contract: MFA_TEST_PG_URL is not set, so the PostgreSQL half is skipped. Set it to ' +
      'postgres://user:password@127.0.0.1:5432/database (a user with CREATE on that database) to run it.',
  );
}

/** Opens a fresh, empty store; `reopen` opens the same data again; `dispose` removes it. */
interface Harness {
  open(): Promise<Store>;
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

function sqliteHarness(): Harness {
  let dir = '';
  return {
    async open() {
      dir = await mkdtemp(join(tmpdir(), 'mfa-contract-'));
      return openStore({ file: join(dir, 'data', 'mfa.sqlite') });
    },
    reopen: () => openStore({ file: join(dir, 'data', 'mfa.sqlite') }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

function postgresHarness(url: string): Harness {
  const schema = `mfa_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    open: () => openStore({ url, schema }),
    reopen: () => openStore({ url, schema }),
    dispose: () => dropTestSchema(url, schema),
  };
}

const TABLES: Array<keyof Database> = [
  'companies',
  'policies',
  'users',
  'mfa_methods',
  'recovery_codes',
  'sms_codes',
  'sessions',
  'audit_log',
  'password_throttle',
  'sms_outbox',
  'meta',
];

const ADMIN_INDEXES = [
  'users_company_change_seq_idx',
  'users_company_status_idx',
  'users_company_time_zone_idx',
  'users_company_country_idx',
  'users_company_last_sign_in_idx',
  'audit_log_company_seq_idx',
  'audit_log_company_actor_idx',
  'audit_log_company_action_idx',
  'audit_log_company_target_idx',
  'audit_log_company_at_idx',
  'sms_outbox_company_seq_idx',
  'users_change_pending_idx',
];

async function indexNames(store: Store): Promise<string[]> {
  const query =
    store.engine === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index'`
      : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`;
  return (await query.execute(store.db)).rows.map((row) => row.name);
}

function contract(makeHarness: () => Harness): void {
  let harness: Harness;
  const open: Store[] = [];
  const start = async (): Promise<Store> => {
    harness = makeHarness();
    const store = await harness.open();
    open.push(store);
    return store;
  };
  const reopen = async (): Promise<Store> => {
    const store = await harness.reopen();
    open.push(store);
    return store;
  };

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await harness.dispose();
  });

  it('creates every table of schema.ts and the indexes the admin API reads by', async () => {
    const store = await start();
    const tables = (await store.db.introspection.getTables()).map((table) => table.name);
    expect(tables).toEqual(expect.arrayContaining(TABLES));
    expect(await indexNames(store)).toEqual(expect.arrayContaining(ADMIN_INDEXES));
  });

  it('round-trips full rows with the types schema.ts declares (epoch ms as numbers)', async () => {
    const store = await start();
    const company = companyRow('c1', { clock_offset_ms: -3_600_000 });
    const user = userRow('c1', 'Dana@Example.com', { locked_until: AT + 900_000, change_seq: 2 ** 40 });
    await store.write(async (trx) => {
      await trx.insertInto('companies').values(company).execute();
      await trx.insertInto('users').values(user).execute();
    });
    expect(await store.db.selectFrom('companies').selectAll().executeTakeFirst()).toEqual(company);
    expect(await store.db.selectFrom('users').selectAll().executeTakeFirst()).toEqual(user);
    const counted = await store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    expect(counted).toEqual({ n: 1 });
  });

  it('keeps emails unique per company, compared case-insensitively through email_lower', async () => {
    const store = await start();
    await store.write(async (trx) => {
      await trx.insertInto('companies').values([companyRow('c1'), companyRow('c2')]).execute();
      await trx.insertInto('users').values(userRow('c1', 'dana@example.com')).execute();
      await trx.insertInto('users').values(userRow('c2', 'dana@example.com')).execute();
    });
    const duplicate = store.write((trx) =>
      trx.insertInto('users').values(userRow('c1', 'DANA@example.com', { id: 'other-id' })).execute(),
    );
    const error = await duplicate.catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('enforces foreign keys and value checks', async () => {
    const store = await start();
    const orphan = await store
      .write((trx) => trx.insertInto('users').values(userRow('no-such-company', 'a@example.com')).execute())
      .catch((caught: unknown) => caught);
    expect(isForeignKeyViolation(orphan)).toBe(true);

    await store.write((trx) => trx.insertInto('companies').values(companyRow('c1')).execute());
    const badStatus = store.write((trx) =>
      trx
        .insertInto('users')
        .values({ ...userRow('c1', 'b@example.com'), status: 'deleted' as 'active' })
        .execute(),
    );
    await expect(badStatus).rejects.toThrow(/check constraint/i);
  });

  it('numbers audit entries with an increasing sequence assigned by the database', async () => {
    const store = await start();
    const seqs = await store.write(async (trx) => {
      await trx.insertInto('companies').values(companyRow('c1')).execute();
      const out: number[] = [];
      for (const action of ['policy.update', 'user.reset', 'user.deactivate']) {
        const row = await trx.insertInto('audit_log').values(auditRow('c1', action)).returning('seq').executeTakeFirstOrThrow();
        out.push(row.seq);
      }
      return out;
    });
    expect(seqs[1]).toBeGreaterThan(seqs[0] ?? Infinity);
    expect(seqs[2]).toBeGreaterThan(seqs[1] ?? Infinity);
    expect(typeof seqs[0]).toBe('number');
  });

  it('reports how many rows an update or delete touched', async () => {
    const store = await start();
    await store.write(async (trx) => {
      await trx.insertInto('companies').values(companyRow('c1')).execute();
      await trx.insertInto('users').values([userRow('c1', 'a@example.com'), userRow('c1', 'b@example.com')]).execute();
    });
    const updated = await store.write((trx) =>
      trx.updateTable('users').set({ status: 'inactive' }).where('company_id', '=', 'c1').executeTakeFirstOrThrow(),
    );
    expect(updated.numUpdatedRows).toBe(2n);
    const deleted = await store.write((trx) =>
      trx.deleteFrom('users').where('email_lower', '=', 'a@example.com').executeTakeFirstOrThrow(),
    );
    expect(deleted.numDeletedRows).toBe(1n);
  });

  it('issues strictly increasing change sequence numbers across concurrent writes', async () => {
    const store = await start();
    const before = await currentChangeSeq(store.db);
    const taken = await Promise.all(Array.from({ length: 20 }, () => store.write((trx) => nextChangeSeq(trx))));
    expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    expect(await currentChangeSeq(store.db)).toBe(before + 20);
  });

  it('runs concurrent read-then-write changes as if one at a time (no lost updates)', async () => {
    const store = await start();
    await store.write(async (trx) => {
      await trx.insertInto('companies').values(companyRow('c1')).execute();
      await trx.insertInto('users').values(userRow('c1', 'a@example.com')).execute();
    });
    const increment = () =>
      store.write(async (trx) => {
        const row = await trx.selectFrom('users').select('failed_attempts').executeTakeFirstOrThrow();
        await trx.updateTable('users').set({ failed_attempts: row.failed_attempts + 1 }).execute();
      });
    await Promise.all(Array.from({ length: 12 }, increment));
    const row = await store.db.selectFrom('users').select('failed_attempts').executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBe(12);
  });

  it('numbers pending user changes after every number issued, once, and numbering a row clears it', async () => {
    const store = await start();
    const users = ['a', 'b', 'c'].map((name) => userRow('c1', `${name}@example.com`));
    await store.write(async (trx) => {
      await trx.insertInto('companies').values(companyRow('c1')).execute();
      await trx.insertInto('users').values(users).execute();
    });
    await store.write(async (trx) => {
      for (const user of users) await updateUserMfa(trx, user.id, { last_sign_in_at: AT }, AT);
    });
    const issued = await store.write((trx) => nextChangeSeq(trx));
    // A numbered write of a pending row takes it out of the pending ones.
    await store.write((trx) => updateUsersBatch(trx, ['change_seq'], [{ id: users[2]!.id, change_seq: issued }]));
    expect(await numberPendingChanges(store)).toBe(2);
    expect(await numberPendingChanges(store)).toBe(0);
    const rows = await store.db.selectFrom('users').select(['email', 'change_seq', 'change_pending']).orderBy('change_seq').execute();
    expect(rows.map((row) => [row.change_pending, row.change_seq > issued])).toEqual([[0, false], [0, true], [0, true]]);
    expect(rows[0]?.email).toBe('c@example.com');
    expect(await currentChangeSeq(store.db)).toBe(issued + 2);
  });

  it('runs one-user writes of one user one at a time, and of different users side by side', async () => {
    const store = await start();
    const users = [userRow('c1', 'a@example.com'), userRow('c1', 'b@example.com')];
    await store.write(async (trx) => {
      await trx.insertInto('companies').values(companyRow('c1')).execute();
      await trx.insertInto('users').values(users).execute();
    });
    const increment = (userId: string) =>
      store.write(async (trx) => {
        const row = await trx.selectFrom('users').select('failed_attempts').where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
        await trx.updateTable('users').set({ failed_attempts: row.failed_attempts + 1 }).where('id', '=', userId).execute();
      }, { oneUser: userId });
    // Serializable writes of the same user interleave with them and must still see every one-user change.
    const serializable = (userId: string) =>
      store.write(async (trx) => {
        const row = await trx.selectFrom('users').select('failed_attempts').where('id', '=', userId).executeTakeFirstOrThrow();
        await trx.updateTable('users').set({ failed_attempts: row.failed_attempts + 100 }).where('id', '=', userId).execute();
      });
    await Promise.all(users.flatMap((user) => [...Array.from({ length: 12 }, () => increment(user.id)), serializable(user.id), serializable(user.id)]));
    const rows = await store.db.selectFrom('users').select(['email', 'failed_attempts']).orderBy('email').execute();
    expect(rows).toEqual([
      { email: 'a@example.com', failed_attempts: 212 },
      { email: 'b@example.com', failed_attempts: 212 },
    ]);
  });

  it('changes nothing when the write callback throws', async () => {
    const store = await start();
    const failing = store.write(async (trx) => {
      await trx.insertInto('companies').values(companyRow('c1')).execute();
      await nextChangeSeq(trx);
      throw new Error('the admin lacks permission');
    });
    await expect(failing).rejects.toThrow('the admin lacks permission');
    expect(await store.db.selectFrom('companies').selectAll().execute()).toEqual([]);
    expect(await currentChangeSeq(store.db)).toBe(0);
  });

  it('keeps data across close and reopen, without running migrations again', async () => {
    const store = await start();
    await store.write((trx) => trx.insertInto('companies').values(companyRow('c1')).execute());
    await store.close();
    const again = await reopen();
    expect(await again.db.selectFrom('companies').select('id').execute()).toEqual([{ id: 'c1' }]);
    const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(again.db);
    const known = Object.keys(await migrationProvider(again.engine).getMigrations()).sort();
    expect(known).toEqual([
      '001-initial',
      '002-company-time-and-check-records',
      '003-search-text',
      '004-security-hardening',
      '006-invitations',
      '007-helpdesk-and-sign-in-activity',
      '008-shared-sms-outbox',
      '009-rollout-wording',
      '010-audit-webhooks',
      '011-pending-changes',
    ]);
    expect(migrations.rows.map((row) => row.name).sort()).toEqual(known);
  });

  it('lets a write in flight finish before close returns', async () => {
    const store = await start();
    const pending = store.write((trx) => trx.insertInto('companies').values(companyRow('c1')).execute());
    await store.close();
    await pending;
    const again = await reopen();
    expect(await again.db.selectFrom('companies').select('id').execute()).toEqual([{ id: 'c1' }]);
  });

  it('refuses writes after close with a clear error', async () => {
    const store = await start();
    await store.close();
    const late = await store.write(async () => 'late').catch((caught: unknown) => caught);
    expect(late).toBeInstanceOf(StoreError);
    expect((late as StoreError).kind).toBe('closed');
  });
}

describe('store contract: SQLite file (node:sqlite)', () => contract(sqliteHarness));

describe.skipIf(!PG_URL)('store contract: PostgreSQL', () => contract(() => postgresHarness(PG_URL ?? '')));

it.runIf(!PG_URL && Boolean(process.env.CI))('has PostgreSQL under CI', () => {
  expect.fail('CI must run the contract suite against PostgreSQL: set MFA_TEST_PG_URL (see .ci/run).');
});

describe('openStore', () => {
  it('refuses a URL that is not PostgreSQL, saying what to give instead', async () => {
    const error = await openStore({ url: 'mysql://localhost/mfa' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/postgres:\/\/.*file path/);
  });

  it('names the server without the password when PostgreSQL cannot be reached', async () => {
    const error = await openStore({ url: 'postgres://someone:hunter2@127.0.0.1:1/mfa' }).catch((caught: unknown) => caught);
    expect((error as StoreError).kind).toBe('connection-failed');
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('hunter2');
  });
});
