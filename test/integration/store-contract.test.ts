/**
 * The store contract: the same tests against SQLite (node:sqlite, a real file) and PostgreSQL, so repositories behave the
 * same on both. PostgreSQL runs when MFA_TEST_PG_URL is set (postgres://user:password@host:5432/database; the
 * user needs CREATE on that database): each test gets a fresh schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src-main/service/store/migrate';
import { currentChangeSeq, nextChangeSeq } from '../../src-main/service/store/change-seq';
import { numberPendingChanges } from '../../src-main/service/admin/user-writes';
import { updateUserMfa } from '../../src-main/service/repositories/users-repo';
import { attemptColumns, attemptInsertIf } from '../../src-main/service/activity/sign-in-activity-repo';
import type { GuardedChange, WriteGuard } from '../../src-main/service/store/guarded-write';
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
  'audit_log_company_seq_idx',
  'audit_log_company_actor_idx',
  'audit_log_company_action_idx',
  'audit_log_company_target_idx',
  'audit_log_company_at_idx',
  'sms_outbox_company_seq_idx',
];

async function indexNames(store: Store): Promise<string[]> {
  const query =
    store.engine === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index'`
      : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`;
  return (await query.execute(store.db)).rows.map((row) => row.name);
}

/** Users a and b of company c1, with no failed attempts; their ids. */
async function twoUsers(store: Store): Promise<[string, string]> {
  const users = [userRow('c1', 'a@example.com'), userRow('c1', 'b@example.com')] as const;
  await store.write(async (trx) => {
    await trx.insertInto('companies').values(companyRow('c1')).execute();
    await trx.insertInto('users').values([...users]).execute();
  });
  return [users[0].id, users[1].id];
}

/** A guard: the user's row, found only while failed_attempts is still the value read, and locked (a template). */
function stillAt(userId: string, read: number): WriteGuard {
  return { build: userWithAttempts, values: { userId, read } };
}

function userWithAttempts(db: Kysely<Database>, values: { userId: string; read: number }) {
  return db.selectFrom('users').select('id').where('id', '=', values.userId).where('failed_attempts', '=', values.read).forUpdate();
}

/** A guarded change setting the user's failed_attempts (a template). */
function setAttempts(userId: string, value: number): GuardedChange {
  return { build: attemptsSet, values: { userId, value } };
}

function attemptsSet(db: Kysely<Database>, onlyIf: Expression<SqlBool>, values: { userId: string; value: number }) {
  return db.updateTable('users').set({ failed_attempts: values.value }).where('id', '=', values.userId).where(onlyIf);
}

/** A guarded change of the user's name (null breaks its NOT NULL constraint): a closure, composed each time. */
function rename(userId: string, name: string | null): GuardedChange {
  return (db, onlyIf) => db.updateTable('users').set({ name: name as string }).where('id', '=', userId).where(onlyIf);
}

/** A guarded change adding a row: a sign-in of the user recorded in sign-in activity. */
function recordSignIn(userId: string): GuardedChange {
  const row = { companyId: 'c1', at: AT, emailTyped: 'a@example.com', userId, outcome: 'signed_in', method: 'totp', detail: null, ip: '10.0.0.1', userAgent: null } as const;
  return { build: attemptInsertIf, values: attemptColumns(row) };
}

/** The user's failed_attempts as committed now. */
async function attemptsOf(store: Store, userId: string): Promise<number> {
  return (await store.db.selectFrom('users').select('failed_attempts').where('id', '=', userId).executeTakeFirstOrThrow()).failed_attempts;
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

  it('numbers pending user changes after every number issued, once each, and leaves no mark', async () => {
    const store = await start();
    const users = ['a', 'b', 'c'].map((name) => userRow('c1', `${name}@example.com`));
    await store.write(async (trx) => {
      await trx.insertInto('companies').values(companyRow('c1')).execute();
      await trx.insertInto('users').values(users).execute();
    });
    await store.write(async (trx) => {
      for (const user of users.slice(0, 2)) await updateUserMfa(trx, user.id, { last_sign_in_at: AT }, AT);
      // A second step of a pending user leaves one mark.
      await updateUserMfa(trx, users[0]!.id, { failed_attempts: 1 }, AT);
    });
    const issued = await store.write((trx) => nextChangeSeq(trx));
    expect(await numberPendingChanges(store)).toBe(2);
    expect(await numberPendingChanges(store)).toBe(0);
    expect(await store.db.selectFrom('pending_changes').select('user_id').execute()).toEqual([]);
    const rows = await store.db.selectFrom('users').select(['email', 'change_seq']).orderBy('email').execute();
    expect(rows.map((row) => [row.email, row.change_seq > issued])).toEqual([
      ['a@example.com', true],
      ['b@example.com', true],
      ['c@example.com', false],
    ]);
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

  describe('writeIfUnchanged', () => {
    const state = async (store: Store) => ({
      users: await store.db.selectFrom('users').select(['email', 'name', 'failed_attempts']).orderBy('email').execute(),
      activity: await store.db.selectFrom('sign_in_activity').select(['user_id', 'outcome', 'ip']).execute(),
    });

    it('applies every change and answers true when the guard finds its row; none, answering false, when it does not', async () => {
      const store = await start();
      const [a, b] = await twoUsers(store);
      const read = await attemptsOf(store, a);
      expect(await store.writeIfUnchanged(stillAt(a, read), [setAttempts(a, read + 1), rename(b, 'Bea Example'), recordSignIn(a)])).toBe(true);
      const applied = {
        users: [
          { email: 'a@example.com', name: 'Dana Example', failed_attempts: 1 },
          { email: 'b@example.com', name: 'Bea Example', failed_attempts: 0 },
        ],
        activity: [{ user_id: a, outcome: 'signed_in', ip: '10.0.0.1' }],
      };
      expect(await state(store)).toEqual(applied);
      // The value read (0) is no longer there: the same write again changes nothing.
      expect(await store.writeIfUnchanged(stillAt(a, read), [setAttempts(a, 9), rename(b, 'Nobody'), recordSignIn(a)])).toBe(false);
      expect(await store.writeIfUnchanged(stillAt('c1:nobody@example.com', 0), [rename(b, 'Nobody'), recordSignIn(a)])).toBe(false);
      expect(await state(store)).toEqual(applied);
    });

    it('applies all or nothing: a change that fails rejects the call and undoes the others', async () => {
      const store = await start();
      const [a, b] = await twoUsers(store);
      const before = await state(store);
      const takesEmailOfA: GuardedChange = (db, onlyIf) =>
        db.updateTable('users').set({ email: 'a@example.com', email_lower: 'a@example.com' }).where('id', '=', b).where(onlyIf);
      const duplicate = await store.writeIfUnchanged(stillAt(a, 0), [setAttempts(a, 1), recordSignIn(a), takesEmailOfA]).catch((caught: unknown) => caught);
      expect(isUniqueViolation(duplicate)).toBe(true);
      expect(await state(store)).toEqual(before);
      await expect(store.writeIfUnchanged(stillAt(a, 0), [rename(b, null), setAttempts(a, 1), recordSignIn(a)])).rejects.toThrow(/not[ -]null/i);
      expect(await state(store)).toEqual(before);
      // Nothing of the failed calls is left holding the rows: the same write without the failing change applies.
      expect(await store.writeIfUnchanged(stillAt(a, 0), [setAttempts(a, 1), recordSignIn(a)])).toBe(true);
      expect(await attemptsOf(store, a)).toBe(1);
    });

    it('lets exactly one of 20 concurrent compare-and-set writes of the same value apply', async () => {
      const store = await start();
      const [a] = await twoUsers(store);
      await store.write((trx) => trx.updateTable('users').set({ failed_attempts: 7 }).where('id', '=', a).execute());
      const read = await attemptsOf(store, a);
      const answers = await Promise.all(Array.from({ length: 20 }, () => store.writeIfUnchanged(stillAt(a, read), [setAttempts(a, read + 1), recordSignIn(a)])));
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await attemptsOf(store, a)).toBe(8);
      expect(await store.db.selectFrom('sign_in_activity').select('seq').execute()).toHaveLength(1);
    });

    it('loses no increment when guarded increments, retried until they apply, run alongside one-user writes', async () => {
      const store = await start();
      const users = await twoUsers(store);
      const ROUNDS = 4;
      const GUARDED = 5;
      const LOCKED = 3;
      const guardedIncrement = async (userId: string): Promise<void> => {
        // Each refusal means another increment of this row committed after the read; there are at most 7 per round.
        for (let tries = 0; tries < 100; tries++) {
          const read = await attemptsOf(store, userId);
          if (await store.writeIfUnchanged(stillAt(userId, read), [setAttempts(userId, read + 1)])) return;
        }
        throw new Error('a guarded increment was refused 100 times in a row');
      };
      const lockedIncrement = (userId: string) =>
        store.write(async (trx) => {
          const row = await trx.selectFrom('users').select('failed_attempts').where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
          await trx.updateTable('users').set({ failed_attempts: row.failed_attempts + 1 }).where('id', '=', userId).execute();
        }, { oneUser: userId });
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(
          users.flatMap((userId) => [...Array.from({ length: GUARDED }, () => guardedIncrement(userId)), ...Array.from({ length: LOCKED }, () => lockedIncrement(userId))]),
        );
      }
      const total = ROUNDS * (GUARDED + LOCKED);
      expect(await Promise.all(users.map((userId) => attemptsOf(store, userId)))).toEqual([total, total]);
    });

    it('decides on the newest committed state: a write committed after the read makes it answer false', async () => {
      const store = await start();
      const [a] = await twoUsers(store);
      const read = await attemptsOf(store, a);
      await store.write((trx) => trx.updateTable('users').set({ failed_attempts: read + 2 }).where('id', '=', a).execute(), { oneUser: a });
      expect(await store.writeIfUnchanged(stillAt(a, read), [setAttempts(a, read + 1), recordSignIn(a)])).toBe(false);
      expect(await attemptsOf(store, a)).toBe(read + 2);
      expect(await store.db.selectFrom('sign_in_activity').select('seq').execute()).toEqual([]);
    });
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
      '012-pending-changes-table',
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

describe.skipIf(!PG_URL)('writeIfUnchanged on PostgreSQL, behind a writer holding the row', () => {
  let harness: Harness;
  let store: Store;
  let a: string;
  let read: number;
  beforeEach(async () => {
    harness = postgresHarness(PG_URL ?? '');
    store = await harness.open();
    [a] = await twoUsers(store);
    read = await attemptsOf(store, a);
  });
  afterEach(async () => {
    await store.close();
    await harness.dispose();
  });

  /**
   * Runs a one-user write that changes user `userId` with `change` and, while it holds the row, starts `guarded`;
   * commits once `guarded` waits for that row (seen in pg_stat_activity: no timing), then answers what it answered.
   */
  async function behindWriter(userId: string, change: (trx: Transaction<Database>) => Promise<unknown>, guarded: () => Promise<boolean>): Promise<boolean> {
    let answer: Promise<boolean> | undefined;
    await store.write(async (trx) => {
      await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
      await change(trx);
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const holder = rows[0]?.pid ?? 0;
      answer ??= guarded();
      const settled = answer.then(() => true, () => true);
      for (;;) {
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where ${holder} = any(pg_blocking_pids(pid))`.execute(store.db);
        if ((waiting.rows[0]?.n ?? 0) > 0) break;
        // A guarded write that did not wait for the row has answered already (and the assertions below say so).
        if (await Promise.race([settled, new Promise<false>((resolve) => setTimeout(() => resolve(false), 10))])) break;
      }
    }, { oneUser: userId });
    if (!answer) throw new Error('the writer never ran');
    return answer;
  }

  it('answers false, changing nothing, when the writer it waited for changed a value the guard compares', async () => {
    const applied = await behindWriter(
      a,
      (trx) => trx.updateTable('users').set({ failed_attempts: read + 1 }).where('id', '=', a).execute(),
      () => store.writeIfUnchanged(stillAt(a, read), [setAttempts(a, 50), recordSignIn(a)]),
    );
    expect(applied).toBe(false);
    expect(await attemptsOf(store, a)).toBe(read + 1);
    expect(await store.db.selectFrom('sign_in_activity').select('seq').execute()).toEqual([]);
  });

  it('applies its changes on top of what the writer it waited for committed, when the values compared stayed', async () => {
    const applied = await behindWriter(
      a,
      (trx) => trx.updateTable('users').set({ name: 'Renamed Meanwhile' }).where('id', '=', a).execute(),
      () => store.writeIfUnchanged(stillAt(a, read), [setAttempts(a, read + 1), recordSignIn(a)]),
    );
    expect(applied).toBe(true);
    const row = await store.db.selectFrom('users').select(['name', 'failed_attempts']).where('id', '=', a).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Renamed Meanwhile', failed_attempts: read + 1 });
  });
});

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
