/** Portable `LIKE` matching (SQLite and PostgreSQL): the search text is escaped, so `%` and `_` match themselves. */
import { sql, type RawBuilder } from 'kysely';

/** Escapes `\`, `%` and `_` for a LIKE pattern read with `escape '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** `lower(column) like pattern escape '\'`: for ASCII text such as recorded emails; names use the search rule. */
export function lowerLike(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** `column like pattern escape '\'` (case as stored). */
export function like(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
