/**
 * Several service instances starting at once on one database: their start-ups take turns under one lock (an advisory
 * lock per schema on PostgreSQL), so schema creation and migrations run exactly once and nobody fails on a duplicate.
 * The PostgreSQL half runs when MFA_TEST_PG_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrationProvider } from '../../src-main/service/store/migrate';
import { openStore, type Store } from '../../src-main/service/store/store';
import { dropTestSchema } from '../fixtures/pg-schema';

const PG_URL = process.env.MFA_TEST_PG_URL;
if (!PG_URL) console.warn('store-startup-lock: MFA_TEST_PG_URL is not set, so the PostgreSQL half is skipped.');

/** Runs `fn` in each store's start-up lock at once; returns the order in which they entered and left. */
async function enterTogether(stores: readonly Store[]): Promise<{ events: string[]; waited: number }> {
  const events: string[] = [];
  let waited = 0;
  await Promise.all(
    stores.map((store, index) =>
      store.exclusive(
        async () => {
          events.push(`in ${index}`);
          // Long enough for the others to ask for the lock meanwhile; correctness never depends on it.
          await new Promise((resolve) => setTimeout(resolve, 50));
          events.push(`out ${index}`);
        },
        () => (waited += 1),
      ),
    ),
  );
  return { events, waited };
}

/** True when no two entries overlap: every "in" is followed by its own "out". */
function oneAtATime(events: readonly string[]): boolean {
  for (let i = 0; i < events.length; i += 2) {
    if (!events[i]?.startsWith('in ') || events[i + 1] !== events[i]?.replace('in', 'out')) return false;
  }
  return true;
}

describe('the start-up lock', () => {
  it('lets one start-up at a time through on SQLite', async () => {
    const store = await openStore({ memory: true });
    try {
      const { events } = await enterTogether([store, store, store]);
      expect(oneAtATime(events)).toBe(true);
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });

  describe.skipIf(!PG_URL)('on PostgreSQL', () => {
    const url = PG_URL ?? '';
    const schemas: string[] = [];
    const freshSchema = () => {
      const schema = `mfa_lock_${process.pid}_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      return schema;
    };
    afterAll(async () => {
      for (const schema of schemas) await dropTestSchema(url, schema);
    });

    it('creates the schema and runs each migration once when five instances open an empty database at once', async () => {
      const schema = freshSchema();
      const stores = await Promise.all(Array.from({ length: 5 }, () => openStore({ url, schema })));
      try {
        const { rows } = await sql<{ name: string; runs: number }>`select name, count(*)::int as runs from kysely_migration group by name order by name`.execute(stores[0]!.db);
        const names = Object.keys(await migrationProvider('postgres').getMigrations());
        expect(rows).toEqual(names.map((name) => ({ name, runs: 1 })));
        const { events, waited } = await enterTogether(stores);
        expect(oneAtATime(events)).toBe(true);
        expect(waited).toBeGreaterThan(0);
        await Promise.all(stores.map((store) => store.ping()));
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it('keeps schemas apart: a start-up in one schema does not wait for another', async () => {
      const [a, b] = await Promise.all([openStore({ url, schema: freshSchema() }), openStore({ url, schema: freshSchema() })]);
      try {
        let waited = false;
        await a.exclusive(() => b.exclusive(async () => undefined, () => (waited = true)));
        expect(waited).toBe(false);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('releases the lock when the start-up fails', async () => {
      const schema = freshSchema();
      const a = await openStore({ url, schema });
      const b = await openStore({ url, schema });
      try {
        await expect(a.exclusive(async () => Promise.reject(new Error('seeding failed')))).rejects.toThrow('seeding failed');
        let waited = false;
        await b.exclusive(async () => undefined, () => (waited = true));
        expect(waited).toBe(false);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });
});
