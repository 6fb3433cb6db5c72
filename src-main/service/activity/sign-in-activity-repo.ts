/**
 * Sign-in activity at rest (R-LOG-1): inserted one attempt at a time, read newest first by company, by user or by
 * the exact email typed — each read walks one index of migration 007 in order, so a page costs the rows it shows,
 * not the size of the table — and pruned after the company's retention.
 */
import type { Expression, Kysely, Selectable, SelectQueryBuilder, SqlBool } from 'kysely';
import type { SignInAttemptView } from '../../../shared/api/routes/admin-activity';
import { emailKey } from '../../../shared/domain/directory';
import type { SignInMethod, SignInOutcome } from '../../../shared/domain/sign-in-activity';
import type { Database, SignInActivityTable } from '../store/schema';

/** One attempt to store. */
export interface AttemptRow {
  readonly companyId: string | null;
  readonly at: number;
  readonly emailTyped: string;
  readonly userId: string | null;
  readonly outcome: SignInOutcome;
  readonly method: SignInMethod | null;
  readonly detail: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** The filters, parsed; `userIds` is what `who` stood for (users the search found, or the email's user). */
export interface ActivityQuery {
  /** Exact lower-cased email typed, matched along with `userIds` (either may hit). */
  readonly email?: string | undefined;
  readonly userIds?: readonly string[] | undefined;
  readonly outcome?: SignInOutcome | undefined;
  readonly method?: SignInMethod | undefined;
  readonly ip?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** A page position: the attempt last shown (newest first). */
export interface ActivityCursor {
  readonly at: number;
  readonly seq: number;
}

type Db = Kysely<Database>;
type ActivityRow = Selectable<SignInActivityTable> & { user_email: string | null; user_name: string | null };

/** The columns of a stored attempt. */
export function attemptColumns(row: AttemptRow) {
  return {
    company_id: row.companyId,
    at: row.at,
    email_typed: row.emailTyped,
    email_lower: emailKey(row.emailTyped),
    user_id: row.userId,
    outcome: row.outcome,
    method: row.method,
    detail: row.detail,
    ip: row.ip,
    user_agent: row.userAgent,
  };
}

/** Stores attempts (one insert). */
export async function insertAttempts(db: Kysely<Database>, rows: readonly AttemptRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('sign_in_activity').values(rows.map(attemptColumns)).execute();
}

type AttemptColumns = ReturnType<typeof attemptColumns>;
const ATTEMPT_COLUMNS = Object.keys({
  company_id: true, at: true, email_typed: true, email_lower: true, user_id: true, outcome: true, method: true, detail: true, ip: true, user_agent: true,
} satisfies Record<keyof AttemptColumns, true>) as (keyof AttemptColumns)[];

/**
 * Stores one attempt's `columns` (attemptColumns) only where `onlyIf` holds: a change of a guarded write
 * (Store.writeIfUnchanged, as a ChangeTemplate: it only passes the values on).
 */
export function attemptInsertIf(db: Kysely<Database>, onlyIf: Expression<SqlBool>, columns: AttemptColumns) {
  return db
    .insertInto('sign_in_activity')
    .columns(ATTEMPT_COLUMNS)
    .expression(db.selectNoFrom((eb) => ATTEMPT_COLUMNS.map((column) => eb.val(columns[column]).as(column))).where(onlyIf));
}

function filtered(db: Db, companyId: string, query: ActivityQuery): SelectQueryBuilder<Database, 'sign_in_activity', object> {
  let q = db.selectFrom('sign_in_activity').where('sign_in_activity.company_id', '=', companyId);
  const userIds = query.userIds ?? [];
  if (query.email !== undefined && userIds.length > 0) {
    const email = query.email;
    q = q.where((eb) => eb.or([eb('sign_in_activity.email_lower', '=', email), eb('sign_in_activity.user_id', 'in', userIds)]));
  } else if (query.email !== undefined) {
    q = q.where('sign_in_activity.email_lower', '=', query.email);
  } else if (query.userIds !== undefined) {
    q = userIds.length === 1 ? q.where('sign_in_activity.user_id', '=', userIds[0] ?? '') : q.where('sign_in_activity.user_id', 'in', userIds.length > 0 ? userIds : ['']);
  }
  if (query.outcome !== undefined) q = q.where('sign_in_activity.outcome', '=', query.outcome);
  if (query.method !== undefined) q = q.where('sign_in_activity.method', '=', query.method);
  if (query.ip !== undefined) q = q.where('sign_in_activity.ip', '=', query.ip);
  if (query.from !== undefined) q = q.where('sign_in_activity.at', '>=', query.from);
  if (query.to !== undefined) q = q.where('sign_in_activity.at', '<', query.to);
  return q;
}

function withUsers(q: SelectQueryBuilder<Database, 'sign_in_activity', object>) {
  return q
    .leftJoin('users', 'users.id', 'sign_in_activity.user_id')
    .selectAll('sign_in_activity')
    .select(['users.email as user_email', 'users.name as user_name'])
    .orderBy('sign_in_activity.at', 'desc')
    .orderBy('sign_in_activity.seq', 'desc');
}

/** A stored row as the API shows it. */
function attemptView(row: ActivityRow): SignInAttemptView {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    emailTyped: row.email_typed,
    user: row.user_id !== null && row.user_email !== null ? { id: row.user_id, email: row.user_email, name: row.user_name ?? '' } : null,
    outcome: row.outcome as SignInOutcome,
    method: row.method as SignInMethod | null,
    detail: row.detail,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

/** One page, newest first, after `cursor` (from the start when null); the next page's cursor when there is more. */
export async function listAttempts(
  db: Db,
  companyId: string,
  query: ActivityQuery,
  page: { cursor: ActivityCursor | null; limit: number },
): Promise<{ attempts: SignInAttemptView[]; nextCursor: string | null }> {
  let q = filtered(db, companyId, query);
  const { cursor } = page;
  if (cursor) q = q.where((eb) => eb(eb.refTuple('sign_in_activity.at', 'sign_in_activity.seq'), '<', eb.tuple(cursor.at, cursor.seq)));
  const rows = (await withUsers(q).limit(page.limit + 1).execute()) as ActivityRow[];
  const attempts = rows.slice(0, page.limit).map(attemptView);
  const last = attempts.at(-1);
  return { attempts, nextCursor: rows.length > page.limit && last ? `${last.at}.${last.seq}` : null };
}

/** Reads a cursor (`at.seq`); a malformed one is treated as "from the start". */
export function activityCursor(cursor: string | undefined): ActivityCursor | null {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(cursor ?? '');
  return match ? { at: Number(match[1]), seq: Number(match[2]) } : null;
}

/** Every matching attempt, newest first, in pages of 5,000 (for the CSV export); at most `max`. */
export async function* attemptsNewestFirst(db: Db, companyId: string, query: ActivityQuery, max: number): AsyncGenerator<SignInAttemptView> {
  let cursor: ActivityCursor | null = null;
  let left = max;
  while (left > 0) {
    const page = await listAttempts(db, companyId, query, { cursor, limit: Math.min(5000, left) });
    yield* page.attempts;
    left -= page.attempts.length;
    const next = activityCursor(page.nextCursor ?? undefined);
    if (!next) return;
    cursor = next;
  }
}

/** True when more than `max` attempts match (the export holds at most that many). */
export async function moreAttemptsThan(db: Db, companyId: string, query: ActivityQuery, max: number): Promise<boolean> {
  const row = await filtered(db, companyId, query).select('sign_in_activity.seq').orderBy('sign_in_activity.at', 'desc').offset(max).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Removes a company's attempts older than `cutoff` (and, with `companyId` null, those no company could be told
 * from), at most `batch` rows; answers how many were removed.
 */
export async function pruneAttempts(db: Kysely<Database>, companyId: string | null, cutoff: number, batch: number): Promise<number> {
  const old = db
    .selectFrom('sign_in_activity')
    .select('seq')
    .where((eb) => (companyId === null ? eb('company_id', 'is', null) : eb('company_id', '=', companyId)))
    .where('at', '<', cutoff)
    .orderBy('at')
    .limit(batch);
  const result = await db.deleteFrom('sign_in_activity').where('seq', 'in', old).executeTakeFirst();
  return Number(result.numDeletedRows);
}
