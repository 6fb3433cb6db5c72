/** Directory queries of the Admin API: filtered list with keyset paging, changed-since sync, stale users, methods. */
import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { DirectoryUser } from '../../../shared/api/routes/admin-common';
import type { DirectoryListQuery } from '../../../shared/api/routes/admin-directory';
import {
  ENROLLMENT_GROUPS,
  ENROLLMENT_STATE_FACTS,
  type EnrollmentFacts,
  type EnrollmentState,
} from '../../../shared/domain/enrollment-report';
import type { DomainCompany, MethodKind } from '../../../shared/domain/model';
import { searchTokens } from '../../../shared/domain/search';
import { ApiError } from '../http/api-error';
import type { Database } from '../store/schema';
import { escapeLike, like } from './sql-like';
import { LEAN_USER_COLUMNS, directoryUser, type LeanUserRow } from './user-view';

type UserQuery = SelectQueryBuilder<Database, 'users', object>;
type Company = Pick<DomainCompany, 'id' | 'ssoDomains'>;

/** The filters of the directory list. */
export type DirectoryFilter = Omit<DirectoryListQuery, 'cursor' | 'limit'>;

function ssoCondition(eb: ExpressionBuilder<Database, 'users'>, domains: readonly string[]) {
  if (domains.length === 0) return eb.val(false);
  return eb.or(domains.map((domain) => like('email_lower', `%@${escapeLike(domain.toLowerCase())}`)));
}

function hasConfirmedMethod(eb: ExpressionBuilder<Database, 'users'>, kind: MethodKind) {
  return eb.exists(
    eb
      .selectFrom('mfa_methods')
      .select('mfa_methods.id')
      .whereRef('mfa_methods.user_id', '=', 'users.id')
      .where('mfa_methods.kind', '=', kind)
      .where('mfa_methods.confirmed_at', 'is not', null),
  );
}

/** One fact of `EnrollmentFacts` as SQL. */
function factCondition(eb: ExpressionBuilder<Database, 'users'>, fact: keyof EnrollmentFacts, value: boolean, company: Company) {
  switch (fact) {
    case 'active':
      return eb('users.status', '=', value ? 'active' : 'inactive');
    case 'sso':
      return value ? ssoCondition(eb, company.ssoDomains) : eb.not(ssoCondition(eb, company.ssoDomains));
    case 'payments':
      return eb('users.account_type', value ? '!=' : '=', 'standard');
    case 'totp':
    case 'sms':
      return value ? hasConfirmedMethod(eb, fact) : eb.not(hasConfirmedMethod(eb, fact));
  }
}

/** Users in one of `states`, as the shared table ENROLLMENT_STATE_FACTS defines them (the dashboard's states). */
export function enrollmentCondition(eb: ExpressionBuilder<Database, 'users'>, states: readonly EnrollmentState[], company: Company) {
  return eb.or(
    states.map((state) =>
      eb.and(
        (Object.entries(ENROLLMENT_STATE_FACTS[state]) as [keyof EnrollmentFacts, boolean][]).map(([fact, value]) =>
          factCondition(eb, fact, value, company),
        ),
      ),
    ),
  );
}

/** Adds search and filters to a query on the company's users. Search matches the stored `search_text` (shared rule). */
export function applyDirectoryFilter(query: UserQuery, filter: DirectoryFilter, company: Company): UserQuery {
  let result = query.where('users.company_id', '=', company.id);
  for (const token of searchTokens(filter.q ?? '')) {
    result = result.where(() => like('users.search_text', `%${escapeLike(token)}%`));
  }
  if (filter.status) result = result.where('users.status', '=', filter.status);
  if (filter.accountType) result = result.where('users.account_type', '=', filter.accountType);
  if (filter.country) result = result.where('users.country', '=', filter.country.toUpperCase());
  if (filter.timeZone) result = result.where('users.time_zone', '=', filter.timeZone);
  const enrollment = filter.enrollment;
  if (enrollment) {
    const states = enrollment === 'enrolled' ? ENROLLMENT_GROUPS.enrolled : [enrollment];
    result = result.where((eb) => enrollmentCondition(eb, states, company));
  }
  return result;
}

/** Confirmed method kinds of the given users. */
export async function confirmedMethodsOf(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, MethodKind[]>> {
  const methods = new Map<string, MethodKind[]>();
  for (let start = 0; start < userIds.length; start += 5000) {
    const rows = await db
      .selectFrom('mfa_methods')
      .select(['user_id', 'kind'])
      .where('user_id', 'in', userIds.slice(start, start + 5000))
      .where('confirmed_at', 'is not', null)
      .execute();
    for (const row of rows) methods.set(row.user_id, [...(methods.get(row.user_id) ?? []), row.kind]);
  }
  return methods;
}

async function withMethods(db: Kysely<Database>, rows: readonly LeanUserRow[], company: Company): Promise<DirectoryUser[]> {
  if (rows.length === 0) return [];
  const methods = await confirmedMethodsOf(db, rows.map((row) => row.id));
  return rows.map((row) => directoryUser(row, methods.get(row.id) ?? [], company));
}

/** Opaque keyset cursor of the name-ordered list. */
function encodeCursor(row: { name: string; email_lower: string }): string {
  return Buffer.from(JSON.stringify([row.name, row.email_lower])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return [value[0] as string, value[1] as string];
    }
  } catch {
    // fall through to the refusal below
  }
  throw new ApiError('bad_request', 'The page cursor is not valid. Start again from the first page.');
}

/** One page of the directory by name (then email), with the total matching the filters. */
export async function listUsers(
  db: Kysely<Database>,
  company: Company,
  filter: DirectoryFilter,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ users: DirectoryUser[]; total: number; nextCursor: string | null }> {
  let query = applyDirectoryFilter(db.selectFrom('users'), filter, company);
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
  if (page.cursor) {
    const [name, email] = decodeCursor(page.cursor);
    query = query.where((eb) =>
      eb.or([eb('users.name', '>', name), eb.and([eb('users.name', '=', name), eb('users.email_lower', '>', email)])]),
    );
  }
  const rows = await query
    .select([...LEAN_USER_COLUMNS.map((column) => `users.${column}` as const), 'users.email_lower'])
    .orderBy('users.name')
    .orderBy('users.email_lower')
    .limit(page.limit + 1)
    .execute();
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    users: await withMethods(db, pageRows, company),
    total: Number(totalRow?.count ?? 0),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null,
  };
}

/**
 * Users changed after `since`, oldest change first. A page ends after `limit` rows, extended to take every row of
 * the last change sequence (so the cursor never splits one), and the cursor is its last row's sequence.
 */
export async function usersChangedSince(
  db: Kysely<Database>,
  company: Company,
  since: number,
  limit: number,
): Promise<{ users: DirectoryUser[]; cursor: number; hasMore: boolean }> {
  const base = db.selectFrom('users').select(LEAN_USER_COLUMNS).where('company_id', '=', company.id);
  const rows: LeanUserRow[] = await base.where('change_seq', '>', since).orderBy('change_seq').limit(limit + 1).execute();
  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  if (!last) return { users: [], cursor: since, hasMore: false };
  const lastSeq = Number(last.change_seq);
  if (hasMore && Number(rows[limit]?.change_seq) === lastSeq) {
    const ids = new Set(pageRows.map((row) => row.id));
    const ties = await base.where('change_seq', '=', lastSeq).execute();
    for (const row of ties) if (!ids.has(row.id)) pageRows.push(row);
  }
  const methodRows = await db
    .selectFrom('mfa_methods')
    .innerJoin('users', 'users.id', 'mfa_methods.user_id')
    .select(['mfa_methods.user_id', 'mfa_methods.kind'])
    .where('users.company_id', '=', company.id)
    .where('users.change_seq', '>', since)
    .where('users.change_seq', '<=', lastSeq)
    .where('mfa_methods.confirmed_at', 'is not', null)
    .execute();
  const methods = new Map<string, MethodKind[]>();
  for (const row of methodRows) methods.set(row.user_id, [...(methods.get(row.user_id) ?? []), row.kind]);
  const hasMoreAfter = hasMore && (await base.where('change_seq', '>', lastSeq).select('id').limit(1).executeTakeFirst()) !== undefined;
  return {
    users: pageRows.map((row) => directoryUser(row, methods.get(row.id) ?? [], company)),
    cursor: lastSeq,
    hasMore: hasMoreAfter,
  };
}

/**
 * Stale users (R-DIR-3, shared/domain/stale.ts): active, inactive since `cutoff` or earlier, where inactivity counts
 * from the last sign-in or, for a user who never signed in, from when they were added. By email.
 */
export async function listStaleUsers(
  db: Kysely<Database>,
  company: Company,
  cutoff: number,
  page: { afterEmail: string | null; limit: number },
): Promise<{ users: DirectoryUser[]; total: number; nextCursor: string | null }> {
  const stale = db
    .selectFrom('users')
    .where('company_id', '=', company.id)
    .where('status', '=', 'active')
    .where((eb) => eb(eb.fn.coalesce('last_sign_in_at', 'created_at'), '<=', cutoff));
  const totalRow = await stale.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
  const paged = page.afterEmail === null ? stale : stale.where('email_lower', '>', page.afterEmail);
  const rows = await paged
    .select([...LEAN_USER_COLUMNS, 'email_lower'])
    .orderBy('email_lower')
    .limit(page.limit + 1)
    .execute();
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    users: await withMethods(db, pageRows, company),
    total: Number(totalRow?.count ?? 0),
    nextCursor: rows.length > page.limit && last ? last.email_lower : null,
  };
}
