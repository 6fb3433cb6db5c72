import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from './schema';
import { StatementTemplates } from './statement-template';

// Compiles only (never connects): the pool is never asked for a connection.
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: {} as never }) });

interface Patch {
  name?: string | undefined;
  locked_until?: number | null;
  failed_attempts?: number;
}

function rename(values: { id: string; patch: Patch }): CompiledQuery {
  return db.updateTable('users').set(values.patch).where('id', '=', values.id).compile();
}

/** A template that counts its builds. */
function counted<V>(compile: (values: V) => CompiledQuery) {
  let builds = 0;
  const templates = new StatementTemplates<V>((values) => {
    builds++;
    return compile(values);
  });
  return { templates, builds: () => builds };
}

describe('StatementTemplates', () => {
  it('answers what a fresh compile answers, building only the first time a shape is seen', () => {
    const { templates, builds } = counted(rename);
    for (const [id, name] of [['u1', 'Ann'], ['u2', 'Bo'], ['u3', 'Cy']] as const) {
      const fresh = rename({ id, patch: { name } });
      expect(templates.query({ id, patch: { name } })).toEqual({ sql: fresh.sql, parameters: [...fresh.parameters] });
    }
    // The first call builds twice (with placeholders, then with the real values to check them); later calls never.
    expect(builds()).toBe(2);
  });

  it('keeps null, undefined and falsy values in the statement, so they make a shape of their own', () => {
    const { templates, builds } = counted(rename);
    const cases: Patch[] = [{ failed_attempts: 3 }, { failed_attempts: 0 }, { locked_until: null }, { locked_until: 5 }, { name: undefined, failed_attempts: 2 }];
    for (const patch of cases) {
      const fresh = rename({ id: 'u', patch });
      expect(templates.query({ id: 'u', patch })).toEqual({ sql: fresh.sql, parameters: [...fresh.parameters] });
    }
    expect(builds()).toBe(2 * cases.length);
  });

  it('follows the order of a patch\'s keys', () => {
    const { templates } = counted(rename);
    const first = templates.query({ id: 'u', patch: { name: 'Ann', failed_attempts: 1 } });
    const second = templates.query({ id: 'u', patch: { failed_attempts: 1, name: 'Ann' } });
    expect(first.sql).toContain('"name" = $1, "failed_attempts" = $2');
    expect(second.sql).toContain('"failed_attempts" = $1, "name" = $2');
  });

  it('refuses a build that computes with a value, before any SQL runs', () => {
    const templates = new StatementTemplates((values: { email: string }) =>
      db.selectFrom('users').select('id').where('email_lower', '=', values.email.toLowerCase()).compile(),
    );
    expect(() => templates.query({ email: 'Ann@Example.com' })).toThrow(TypeError);
    const concatenating = new StatementTemplates((values: { step: number }) => db.selectFrom('users').select('id').where('id', '=', `user-${values.step}`).compile());
    expect(() => concatenating.query({ step: 3 })).toThrow(/computation/);
  });

  it('refuses a build whose SQL depends on a value beyond passing it', () => {
    const templates = new StatementTemplates((values: { id: unknown }) =>
      (typeof values.id === 'string' ? db.selectFrom('users').select('id').where('id', '=', values.id) : db.selectFrom('users').select('id')).compile(),
    );
    expect(() => templates.query({ id: 'u1' })).toThrow(/depends on a value/);
  });

  it('takes only plain values', () => {
    const templates = new StatementTemplates((values: { at: unknown }) => db.selectFrom('users').select('id').where('created_at', '=', values.at as number).compile());
    expect(() => templates.query({ at: new Date(0) })).toThrow(/not object/);
  });
});
