import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeSqliteDialect } from './sqlite-dialect';
import { applyConnectionPragmas } from './sqlite-file';

interface TestDb {
  parent: { id: Generated<number>; name: string };
  child: { id: number; parent_id: number; flag: number | null };
}

let dir: string;
let file: string;
let db: Kysely<TestDb>;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mfa-dialect-'));
  file = path.join(dir, 'test.sqlite');
  const database = new DatabaseSync(file);
  applyConnectionPragmas(database, true);
  db = new Kysely<TestDb>({ dialect: new NodeSqliteDialect(database) });
  await sql`create table parent (id integer primary key autoincrement, name text not null unique)`.execute(db);
  await sql`create table child (id integer primary key, parent_id integer not null references parent(id), flag integer)`.execute(db);
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('NodeSqliteDialect', () => {
  it('reports the new row id of an insert and the rows an update or delete touched', async () => {
    const first = await db.insertInto('parent').values({ name: 'a' }).executeTakeFirstOrThrow();
    const second = await db.insertInto('parent').values({ name: 'b' }).executeTakeFirstOrThrow();
    expect([first.insertId, second.insertId]).toEqual([1n, 2n]);

    const updated = await db.updateTable('parent').set({ name: sql`name || '!'` }).executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(2n);
    const none = await db.updateTable('parent').set({ name: 'z' }).where('id', '=', 99).executeTakeFirstOrThrow();
    expect(none.numUpdatedRows).toBe(0n);
    const returned = await db.updateTable('parent').set({ name: 'c' }).where('id', '=', 2).returning('name').execute();
    expect(returned.map((row) => row.name)).toEqual(['c']);
    const deleted = await db.deleteFrom('parent').where('id', '=', 1).executeTakeFirstOrThrow();
    expect(deleted.numDeletedRows).toBe(1n);
  });

  it('gives no insert id when an insert added nothing', async () => {
    await db.insertInto('parent').values({ name: 'a' }).execute();
    const skipped = await db
      .insertInto('parent')
      .values({ name: 'a' })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirstOrThrow();
    expect(skipped.numInsertedOrUpdatedRows).toBe(0n);
    expect(skipped.insertId).toBeUndefined();
  });

  it('runs the connection in WAL mode with synchronous=FULL and foreign keys enforced', async () => {
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('busy_timeout')).toBe(5000);
    const orphan = () => db.insertInto('child').values({ id: 1, parent_id: 42, flag: null }).execute();
    await expect(orphan()).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });

  it('has a committed transaction in the file as soon as it returns (another connection reads it)', async () => {
    await db.transaction().execute((trx) => trx.insertInto('parent').values({ name: 'durable' }).execute());
    const other = new DatabaseSync(file, { readOnly: true });
    expect(other.prepare('select name from parent').all().map((row) => row.name)).toEqual(['durable']);
    other.close();
  });

  it('lets a transaction own the connection: other queries wait for it to end', async () => {
    const events: string[] = [];
    let reachedInside!: () => void;
    const inside = new Promise<void>((resolve) => (reachedInside = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('parent').values({ name: 'first' }).execute();
      reachedInside();
      await new Promise((resolve) => setTimeout(resolve, 30));
      await trx.insertInto('parent').values({ name: 'second' }).execute();
      events.push('commit');
    });
    await inside;
    const read = db
      .selectFrom('parent')
      .select('name')
      .execute()
      .then((rows) => events.push(`read ${rows.length}`));
    await Promise.all([transaction, read]);
    expect(events).toEqual(['commit', 'read 2']);
  });

  it('rolls the whole transaction back when its callback throws', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('parent').values({ name: 'kept?' }).execute();
      throw new Error('validation failed');
    });
    await expect(failing).rejects.toThrow('validation failed');
    expect(await db.selectFrom('parent').selectAll().execute()).toEqual([]);
  });

  it('rolls back to a savepoint inside a transaction', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('parent').values({ name: 'outer' }).execute();
    const savepoint = await trx.savepoint('inner').execute();
    await savepoint.insertInto('parent').values({ name: 'inner' }).execute();
    await savepoint.rollbackToSavepoint('inner').execute();
    await trx.commit().execute();
    expect(await db.selectFrom('parent').select('name').execute()).toEqual([{ name: 'outer' }]);
  });

  it('streams rows in chunks', async () => {
    await db
      .insertInto('parent')
      .values(Array.from({ length: 7 }, (_, i) => ({ name: `p${i}` })))
      .execute();
    const names: string[] = [];
    for await (const row of db.selectFrom('parent').select('name').orderBy('id').stream(3)) names.push(row.name);
    expect(names).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
  });

  it('stores booleans as 0/1 and refuses a Date with a hint to store epoch milliseconds', async () => {
    const parent = await db.insertInto('parent').values({ name: 'a' }).returning('id').executeTakeFirstOrThrow();
    await sql`insert into child (id, parent_id, flag) values (1, ${parent.id}, ${true})`.execute(db);
    expect(await db.selectFrom('child').select('flag').executeTakeFirst()).toEqual({ flag: 1 });
    const withDate = sql`insert into child (id, parent_id, flag) values (2, ${parent.id}, ${new Date()})`.execute(db);
    await expect(withDate).rejects.toThrow(/epoch milliseconds/);
  });

  it('refuses to read an integer beyond 2^53 as a rounded number', async () => {
    const parent = await db.insertInto('parent').values({ name: 'a' }).returning('id').executeTakeFirstOrThrow();
    await sql`insert into child (id, parent_id, flag) values (1, ${parent.id}, ${2n ** 60n})`.execute(db);
    await expect(db.selectFrom('child').select('flag').execute()).rejects.toThrow(/too large|out of range|safe/i);
  });
});
