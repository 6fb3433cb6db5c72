/**
 * Everything the MFA rules need about one user at one instant: their row, confirmed methods, recovery code, the
 * company, its policy, and the company's time (`companyNow`: the simulated clock of a demo company). Read in one
 * query (context-rows.ts); an authenticated request reads it once, with its session, and hands it on.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DomainCompany, DomainUser, MethodKind } from '../../../shared/domain/model';
import type { DomainPolicy } from '../../../shared/domain/policy';
import { accessCodeUsability } from '../../../shared/domain/temporary-access-code';
import { companyMoment, type Clock, type Moment } from '../clock';
import type { Database, MfaMethodsTable, SessionsTable, UsersTable } from '../store/schema';
import { rowsByUser, selectContextRows, tablePart, type ContextRow } from './context-rows';
import { companyFromRow, policyFromRow, type CompanyRow, type PolicyRow } from './policy-rows';
import { permissionsOf } from './users-repo';

export type UserRow = Selectable<UsersTable>;
export type MethodRow = Selectable<MfaMethodsTable>;
export type SessionRow = Selectable<SessionsTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** A user with their MFA state, company and policy, read together. */
export interface UserContext {
  readonly user: UserRow;
  /** Confirmed methods only, app first. */
  readonly methods: readonly MethodRow[];
  readonly hasRecoveryCode: boolean;
  /** When the temporary access code the user can still use stops working (company time), or null (R-RST-6). */
  readonly accessCodeUntil: number | null;
  readonly companyRow: CompanyRow;
  readonly company: DomainCompany;
  readonly policyRow: PolicyRow;
  readonly policy: DomainPolicy;
  /** The company's time now (epoch ms). */
  readonly now: number;
  /** Now on both clocks, for audit entries (they stamp real time). */
  readonly moment: Moment;
  /** The user as the domain rules see them. */
  readonly domainUser: DomainUser;
}

/** The user row as a DomainUser with the given confirmed method kinds. */
export function toDomainUser(user: UserRow, methods: readonly MethodKind[]): DomainUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    status: user.status,
    country: user.country,
    timeZone: user.time_zone,
    accountType: user.account_type,
    permissions: permissionsOf(user),
    lastSignInAt: user.last_sign_in_at === null ? null : Number(user.last_sign_in_at),
    enrolledAt: user.enrolled_at === null ? null : Number(user.enrolled_at),
    methods,
    alwaysRequireMfa: user.always_require_mfa === 1,
    failedAttempts: user.failed_attempts,
    lockedUntil: user.locked_until === null ? null : Number(user.locked_until),
  };
}

/** The confirmed methods of a user's joined rows, authenticator first. */
function methodsOf(rows: readonly ContextRow[]): MethodRow[] {
  const methods = rows.map((row) => tablePart<MethodRow>(row, 'm')).filter((method): method is MethodRow => method !== null);
  return methods.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'totp' ? -1 : 1));
}

/** When the user's newest open temporary access code (read with the context) stops working, if it still works at `now`. */
function usableUntil(expires: unknown, now: number): number | null {
  if (expires === null || expires === undefined) return null;
  const expiresAt = Number(expires);
  return accessCodeUsability({ expiresAt, usedAt: null, revokedAt: null }, now).usable ? expiresAt : null;
}

/** The context of one user from their joined rows (see context-rows.ts). */
function contextOf(clock: Clock, rows: readonly ContextRow[]): UserContext {
  const [first] = rows;
  if (!first) throw new Error('A user context needs at least one row.');
  const user = tablePart<UserRow>(first, 'u');
  const companyRow = tablePart<CompanyRow>(first, 'c');
  const policyRow = tablePart<PolicyRow>(first, 'p');
  const methods = methodsOf(rows);
  const moment = companyMoment(clock, companyRow);
  return {
    user,
    methods,
    hasRecoveryCode: Number(first.has_recovery) === 1,
    accessCodeUntil: usableUntil(first.access_code_expires, moment.company),
    companyRow,
    company: companyFromRow(companyRow),
    policyRow,
    policy: policyFromRow(policyRow),
    now: moment.company,
    moment,
    domainUser: toDomainUser(user, [...new Set(methods.map((method) => method.kind))]),
  };
}

/** Loads the context of `userId` in one query, or null when there is no such user. */
export async function loadUserContext(db: Db, clock: Clock, userId: string): Promise<UserContext | null> {
  const rows = await selectContextRows(db, { userId });
  return rows.length === 0 ? null : contextOf(clock, rows);
}

/** The contexts of every user with this email (one per company at most), in one query. */
export async function loadUserContextsByEmail(db: Db, clock: Clock, emailLower: string): Promise<UserContext[]> {
  return rowsByUser(await selectContextRows(db, { emailLower })).map((rows) => contextOf(clock, rows));
}

/** The session whose token hashes to `tokenHash` with its user's context, in one query; null when there is none. */
export async function loadSessionContext(db: Db, clock: Clock, tokenHash: string): Promise<{ session: SessionRow; uc: UserContext } | null> {
  const rows = await selectContextRows(db, { tokenHash });
  const [first] = rows;
  return first ? { session: tablePart<SessionRow>(first, 's'), uc: contextOf(clock, rows) } : null;
}

/** Like `loadUserContext`, for a user known to exist (a session's user): throws when missing. */
export async function requireUserContext(db: Db, clock: Clock, userId: string): Promise<UserContext> {
  const context = await loadUserContext(db, clock, userId);
  if (!context) throw new Error(`User ${userId} vanished from the database.`);
  return context;
}
