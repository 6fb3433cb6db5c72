/**
 * 003-search-text: `users.search_text`, the folded name and email the directory search matches (shared/domain/search.ts),
 * written by the service whenever a user's name or email is written. Matching a folded column with `LIKE` gives the
 * same answer on SQLite (whose `lower()` and `LIKE` fold ASCII only) and PostgreSQL, and the same as the console
 * cache. Existing users are backfilled here with the same function, in batches.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { searchText } from '../../../../shared/domain/search';

const BATCH = 500;

/** Adds and backfills `users.search_text`. */
export function searchTextMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('users').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
      let after = '';
      for (;;) {
        const { rows } = await sql<{ id: string; name: string; email: string }>`
          select id, name, email from users where id > ${after} order by id limit ${BATCH}`.execute(db);
        const last = rows.at(-1);
        if (!last) break;
        const values = sql.join(rows.map((row) => sql`(${row.id}, ${searchText(row)})`));
        await sql`with v(id, search_text) as (values ${values})
          update users set search_text = v.search_text from v where users.id = v.id`.execute(db);
        after = last.id;
      }
    },
  };
}
