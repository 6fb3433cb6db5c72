/**
 * The one query behind a request's context: a user with their company, its policy, their confirmed methods and
 * whether they hold a recovery code or an open temporary access code, optionally with the session a token names: one round trip instead of one per
 * table (issue 13). Each table's columns come back under a prefix (`u_`, `c_`, `p_`, `m_`, `s_`) and are split
 * here into the same rows a `selectAll` of that table gives; a user with two methods comes back as two rows.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { CompaniesTable, Database, MfaMethodsTable, PoliciesTable, SessionsTable, UsersTable } from '../store/schema';

type Db = Kysely<Database> | Transaction<Database>;
type Columns<T> = Record<keyof T, true>;

const USER_COLUMNS = Object.keys({
  id: true, company_id: true, email: true, email_lower: true, name: true, search_text: true, status: true, country: true,
  time_zone: true, account_type: true, perm_company_admin: true, perm_directory: true, password_hash: true,
  last_sign_in_at: true, always_require_mfa: true, enrolled_at: true, failed_attempts: true, locked_until: true,
  created_at: true, updated_at: true, change_seq: true, password_set_at: true, invited_at: true, invitation_expires_at: true,
  perm_helpdesk: true,
} satisfies Columns<UsersTable>);
const COMPANY_COLUMNS = Object.keys({
  id: true, name: true, sso_domains: true, is_demo: true, clock_offset_ms: true, created_at: true,
} satisfies Columns<CompaniesTable>);
const POLICY_COLUMNS = Object.keys({
  company_id: true, required: true, deadline_date: true, deadline_zone: true, allowed_methods: true, sms_code_ttl_minutes: true,
  lockout_threshold: true, lockout_minutes: true, session_idle_minutes: true, session_lifetime_hours: true,
  reset_checklist: true, stale_after_days: true, version: true, updated_at: true, updated_by: true, sign_in_retention_days: true,
} satisfies Columns<PoliciesTable>);
const METHOD_COLUMNS = Object.keys({
  id: true, user_id: true, kind: true, secret_sealed: true, phone_e164: true, last_step: true, confirmed_at: true,
  created_at: true, setup_failures: true,
} satisfies Columns<MfaMethodsTable>);
const SESSION_COLUMNS = Object.keys({
  id: true, user_id: true, token_hash: true, stage: true, created_at: true, last_seen_at: true, revoked_at: true,
  mfa_at: true, payments_seen_at: true, flow: true,
} satisfies Columns<SessionsTable>);

/** Which users to read: one by id, every user with this lower-cased email (one per company), or a token's. */
export type ContextKey = { userId: string } | { emailLower: string } | { tokenHash: string };

/** One joined row, still prefixed. */
export type ContextRow = Record<string, unknown>;

function aliased(table: string, prefix: string, columns: readonly string[]) {
  return columns.map((column) => sql.ref(`${table}.${column}`).as(`${prefix}_${column}`));
}

type KeyKind = 'tokenHash' | 'userId' | 'emailLower';

function keyOf(key: ContextKey): { kind: KeyKind; value: string } {
  if ('tokenHash' in key) return { kind: 'tokenHash', value: key.tokenHash };
  if ('userId' in key) return { kind: 'userId', value: key.userId };
  return { kind: 'emailLower', value: key.emailLower };
}

/** The query of a kind of key, built with Kysely (its one parameter is `value`). */
function contextQuery(db: Db, kind: KeyKind, value: string) {
  const base = db
    .selectFrom('users')
    .innerJoin('companies', 'companies.id', 'users.company_id')
    .innerJoin('policies', 'policies.company_id', 'users.company_id')
    .leftJoin('mfa_methods', (join) => join.onRef('mfa_methods.user_id', '=', 'users.id').on('mfa_methods.confirmed_at', 'is not', null))
    .select([
      ...aliased('users', 'u', USER_COLUMNS),
      ...aliased('companies', 'c', COMPANY_COLUMNS),
      ...aliased('policies', 'p', POLICY_COLUMNS),
      ...aliased('mfa_methods', 'm', METHOD_COLUMNS),
      sql<number>`case when exists (select 1 from recovery_codes where recovery_codes.user_id = users.id) then 1 else 0 end`.as('has_recovery'),
      // The newest temporary access code not used or withdrawn (R-RST-6); whether it is still in time is decided
      // in user-context.ts by the shared rule.
      sql<number | null>`(select access_codes.expires_at from access_codes where access_codes.user_id = users.id and access_codes.used_at is null and access_codes.revoked_at is null order by access_codes.created_at desc limit 1)`.as('access_code_expires'),
    ])
    .orderBy('users.id');
  if (kind === 'tokenHash') {
    return base.innerJoin('sessions', 'sessions.user_id', 'users.id').select(aliased('sessions', 's', SESSION_COLUMNS)).where('sessions.token_hash', '=', value);
  }
  return base.where(kind === 'userId' ? 'users.id' : 'users.email_lower', '=', value);
}

/**
 * The SQL text of each kind of key, per dialect (PostgreSQL and SQLite differ in quoting and placeholders). Built
 * once: composing and compiling ~80 aliased columns with Kysely cost more than running the query on SQLite.
 */
const sqlTexts = new Map<unknown, Map<KeyKind, string>>();

function sqlText(db: Db, kind: KeyKind, value: string): string {
  const dialect = db.getExecutor().adapter.constructor;
  let texts = sqlTexts.get(dialect);
  if (!texts) sqlTexts.set(dialect, (texts = new Map()));
  let text = texts.get(kind);
  if (text === undefined) {
    const compiled = contextQuery(db, kind, value).compile();
    if (compiled.parameters.length !== 1) throw new Error(`The context query should take one parameter, not ${compiled.parameters.length}.`);
    text = compiled.sql;
    texts.set(kind, text);
  }
  return text;
}

/** The rows of `key`'s users (and session), one per confirmed method (at least one per user), ordered by user. */
export async function selectContextRows(db: Db, key: ContextKey): Promise<ContextRow[]> {
  const { kind, value } = keyOf(key);
  const result = await db.executeQuery<ContextRow>(CompiledQuery.raw(sqlText(db, kind, value), [value]));
  return result.rows;
}

const COLUMNS_BY_PREFIX = { u: USER_COLUMNS, c: COMPANY_COLUMNS, p: POLICY_COLUMNS, m: METHOD_COLUMNS, s: SESSION_COLUMNS };

/** The columns of one table in a joined row, without their prefix (`m`: null when the row has no method). */
export function tablePart<T>(row: ContextRow, prefix: 'u' | 'c' | 'p' | 's'): T;
export function tablePart<T>(row: ContextRow, prefix: 'm'): T | null;
export function tablePart<T>(row: ContextRow, prefix: keyof typeof COLUMNS_BY_PREFIX): T | null {
  if (prefix === 'm' && (row.m_id === null || row.m_id === undefined)) return null;
  const part: Record<string, unknown> = {};
  for (const column of COLUMNS_BY_PREFIX[prefix]) part[column] = row[`${prefix}_${column}`];
  return part as T;
}

/** The joined rows grouped by user, in order. */
export function rowsByUser(rows: readonly ContextRow[]): ContextRow[][] {
  const groups = new Map<unknown, ContextRow[]>();
  for (const row of rows) {
    const group = groups.get(row.u_id);
    if (group) group.push(row);
    else groups.set(row.u_id, [row]);
  }
  return [...groups.values()];
}
