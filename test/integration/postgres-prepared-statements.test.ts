/**
 * The PostgreSQL store prepares the statements it runs often (prepared-statements.ts): a text is prepared once it
 * ran PREPARE_AFTER times, a one-off one is not, and a schema change under a running store (another instance
 * migrated it) does not break a prepared `select *`, in a write or outside one. Runs when MFA_TEST_PG_URL is set.
 */
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src-main/service/store/postgres-store';
import { PREPARE_AFTER } from '../../src-main/service/store/prepared-statements';
import { TestSchemas } from '../fixtures/pg-schema';
import { companyRow } from '../fixtures/store-rows';

const PG_URL = process.env.MFA_TEST_PG_URL;
if (!PG_URL) console.warn('postgres-prepared-statements: MFA_TEST_PG_URL is not set, so these PostgreSQL tests are skipped.');

describe.skipIf(!PG_URL)('PostgreSQL prepared statements', () => {
  const url = PG_URL ?? '';
  const schemas = new TestSchemas(url);
  afterAll(() => schemas.dropAll());

  async function openStore(prefix: string, warn?: (message: string) => void): Promise<{ store: PostgresStore; schema: string }> {
    const schema = await schemas.create(prefix);
    const store = await PostgresStore.open(url, schema, warn);
    await store.write((trx) => trx.insertInto('companies').values(companyRow('c1')).execute());
    return { store, schema };
  }

  /** Changes the schema from another connection, as another instance's migration would. */
  async function addColumn(schema: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`alter table "${schema}".companies add column added_later text not null default 'yes'`);
    } finally {
      await client.end();
    }
  }

  it('prepares a statement run again and again on its connection, and not one run once', async () => {
    const { store } = await openStore('prepared_often');
    try {
      const prepared = await store.write(async (trx) => {
        for (let run = 0; run < PREPARE_AFTER + 2; run++) {
          expect(await trx.selectFrom('companies').select('name').where('id', '=', 'c1').execute()).toEqual([{ name: 'Company c1' }]);
        }
        await trx.selectFrom('policies').select('company_id').where('company_id', '=', 'once').execute();
        const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
        return rows.map((row) => row.statement);
      });
      expect(prepared.filter((text) => text.includes('from "companies"'))).toHaveLength(1);
      expect(prepared.filter((text) => text.includes('from "policies"'))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('keeps answering a prepared select * after another instance added a column, in a write and outside one', async () => {
    const { store, schema } = await openStore('prepared_stale');
    try {
      const inWrite = () => store.write((trx) => trx.selectFrom('companies').selectAll().execute());
      const outside = () => store.db.selectFrom('companies').selectAll().execute();
      for (let run = 0; run < PREPARE_AFTER + 1; run++) {
        await inWrite();
        await outside();
      }
      await addColumn(schema);
      expect((await inWrite())[0]).toMatchObject({ id: 'c1', added_later: 'yes' });
      expect((await outside())[0]).toMatchObject({ id: 'c1', added_later: 'yes' });
    } finally {
      await store.close();
    }
  });

  it('stops preparing, says so once, and keeps answering when the server loses its prepared statements (a pooler)', async () => {
    const warnings: string[] = [];
    const { store } = await openStore('prepared_lost', (message) => warnings.push(message));
    try {
      const read = (trx: Parameters<Parameters<PostgresStore['write']>[0]>[0]) => trx.selectFrom('companies').select('name').where('id', '=', 'c1').execute();
      // Pinned to one connection by the write: prepared, then gone from the server as if another server connection
      // answered, then asked for again.
      const answer = await store.write(async (trx) => {
        for (let run = 0; run < PREPARE_AFTER + 1; run++) await read(trx);
        await sql`deallocate all`.execute(trx);
        return read(trx);
      });
      expect(answer).toEqual([{ name: 'Company c1' }]);
      expect(warnings).toEqual([expect.stringContaining('statements now run unprepared')]);
      const prepared = await store.write(async (trx) => {
        for (let run = 0; run < PREPARE_AFTER + 2; run++) await read(trx);
        const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(trx);
        return rows;
      });
      expect(prepared).toEqual([]);
      expect(warnings).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
