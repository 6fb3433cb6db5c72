/**
 * Everything the MFA rules need about one user at one instant: their row, confirmed methods, recovery code, the
 * company, its policy, and the company's time (`companyNow`: the simulated clock of a demo company).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DomainCompany, DomainUser, MethodKind } from '../../../shared/domain/model';
import type { DomainPolicy } from '../../../shared/domain/policy';
import { companyMoment, type Clock, type Moment } from '../clock';
import type { Database, MfaMethodsTable, UsersTable } from '../store/schema';
import { usableAccessCode } from './access-codes-repo';
import { companyFromRow, loadCompanyPolicy, type CompanyRow } from './policy-rows';
import { permissionsOf } from './users-repo';

export type UserRow = Selectable<UsersTable>;
export type MethodRow = Selectable<MfaMethodsTable>;
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

/** The confirmed methods of a user, authenticator first. */
export async function confirmedMethods(db: Db, userId: string): Promise<MethodRow[]> {
  const rows = await db
    .selectFrom('mfa_methods')
    .selectAll()
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .execute();
  return rows.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'totp' ? -1 : 1));
}

/** Loads the context of `userId`, or null when there is no such user. */
export async function loadUserContext(db: Db, clock: Clock, userId: string): Promise<UserContext | null> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) return null;
  const [methods, recovery, { company, policy }] = await Promise.all([
    confirmedMethods(db, userId),
    db.selectFrom('recovery_codes').select('user_id').where('user_id', '=', userId).executeTakeFirst(),
    loadCompanyPolicy(db, user.company_id),
  ]);
  const moment = companyMoment(clock, company);
  const accessCode = await usableAccessCode(db, userId, moment.company);
  return {
    user,
    methods,
    hasRecoveryCode: recovery !== undefined,
    accessCodeUntil: accessCode ? Number(accessCode.expires_at) : null,
    companyRow: company,
    company: companyFromRow(company),
    policy,
    now: moment.company,
    moment,
    domainUser: toDomainUser(user, [...new Set(methods.map((method) => method.kind))]),
  };
}

/** Like `loadUserContext`, for a user known to exist (a session's user): throws when missing. */
export async function requireUserContext(db: Db, clock: Clock, userId: string): Promise<UserContext> {
  const context = await loadUserContext(db, clock, userId);
  if (!context) throw new Error(`User ${userId} vanished from the database.`);
  return context;
}
