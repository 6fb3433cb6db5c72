/**
 * The PostgreSQL store's start-up reads only its own schema: another schema's tables are not listed, and schemas that
 * other clients create and drop while stores open (other applications, parallel test runs) do not stop a start.
 * Runs when MFA_TEST_PG_URL is set.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src-main/service/store/postgres-store';
import { TestSchemas, createTestSchema, dropTestSchema } from '../fixtures/pg-schema';

const PG_URL = process.env.MFA_TEST_PG_URL;
if (!PG_URL) console.warn('postgres-introspection: MFA_TEST_PG_URL is not set, so these PostgreSQL tests are skipped.');

describe.skipIf(!PG_URL)('PostgreSQL introspection at start-up', () => {
  const url = PG_URL ?? '';
  const schemas = new TestSchemas(url);
  afterAll(() => schemas.dropAll());

  it('lists the tables of its own schema only, with their columns, and Kysely tables only when asked', async () => {
    const own = await schemas.create('introspect_own');
    const other = await schemas.create('introspect_other');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create table "${other}".elsewhere (id integer)`);
    await client.end();

    const store = await PostgresStore.open(url, own);
    try {
      const tables = await store.db.introspection.getTables();
      const names = tables.map((table) => table.name);
      expect(names).toContain('users');
      expect(names).not.toContain('elsewhere');
      expect(names).not.toContain('kysely_migration');
      expect(new Set(tables.map((table) => table.schema))).toEqual(new Set([own]));
      const meta = tables.find((table) => table.name === 'meta');
      expect(meta?.columns.map((column) => column.name)).toEqual(['key', 'value']);
      expect(meta?.columns[0]).toMatchObject({ isNullable: false, isAutoIncrementing: false });
      const withKysely = await store.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(withKysely.map((table) => table.name)).toContain('kysely_migration');
      expect(await store.db.introspection.getSchemas()).toEqual([{ name: own }]);
    } finally {
      await store.close();
    }
  });

  it('opens stores while other clients create and drop schemas of the same database', { timeout: 120_000 }, async () => {
    let churning = true;
    const churn = (async () => {
      let rounds = 0;
      while (churning && rounds < 400) {
        const schema = await createTestSchema(url, 'introspect_churn');
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`create table "${schema}".t (id integer)`);
        await client.end();
        await dropTestSchema(url, schema);
        rounds += 1;
      }
      return rounds;
    })();
    try {
      for (let round = 0; round < 8; round += 1) {
        const schema = await schemas.create('introspect_open');
        const store = await PostgresStore.open(url, schema);
        await store.close();
      }
    } finally {
      churning = false;
    }
    expect(await churn).toBeGreaterThan(0);
  });
});
