/**
 * The enrollment report (R-RPT-1): every user's dashboard state counted, the enforcement instant, the users who
 * will be blocked at enforcement, and recent lockouts from the audit log. Reads lean rows only, so 100,000 users
 * take a fraction of a second.
 */
import type { Kysely } from 'kysely';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { BlockedUser, EnrollmentReport, RecentLockout } from '../../../shared/api/routes/admin-report';
import { companyEnforces } from '../../../shared/domain/enforcement';
import { policyEnforcementAt } from '../../../shared/domain/enforcement-instant';
import { enrollmentCounts, enrollmentState, willBeBlocked } from '../../../shared/domain/enrollment-report';
import { isLocked } from '../../../shared/domain/lockout';
import type { MethodKind } from '../../../shared/domain/model';
import type { Database } from '../store/schema';
import type { CompanyContext } from './company-context';

/** The report for a company, listing at most `blockedLimit` blocked users and `lockoutLimit` lockouts. */
export async function enrollmentReport(
  db: Kysely<Database>,
  ctx: CompanyContext,
  limits: { blockedLimit: number; lockoutLimit: number },
): Promise<EnrollmentReport> {
  const companyId = ctx.company.id;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'status', 'account_type', 'time_zone', 'last_sign_in_at'])
    .where('company_id', '=', companyId)
    .orderBy('name')
    .execute();
  const methodRows = await db
    .selectFrom('mfa_methods')
    .innerJoin('users', 'users.id', 'mfa_methods.user_id')
    .select(['mfa_methods.user_id', 'mfa_methods.kind'])
    .where('users.company_id', '=', companyId)
    .where('mfa_methods.confirmed_at', 'is not', null)
    .execute();
  const methods = new Map<string, MethodKind[]>();
  for (const row of methodRows) methods.set(row.user_id, [...(methods.get(row.user_id) ?? []), row.kind]);
  const users = rows.map((row) => ({ row, status: row.status, email: row.email, accountType: row.account_type, methods: methods.get(row.id) ?? [] }));
  const counts = enrollmentCounts(users, ctx.company);
  let paymentsEnrolled = 0;
  const blocked: BlockedUser[] = [];
  for (const user of users) {
    if (enrollmentState(user, ctx.company) === 'payments' && user.methods.length > 0) paymentsEnrolled += 1;
    if (willBeBlocked(user, ctx.company) && blocked.length < limits.blockedLimit) {
      const { row } = user;
      blocked.push({
        id: row.id,
        email: row.email,
        name: row.name,
        timeZone: row.time_zone,
        accountType: row.account_type,
        lastSignInAt: row.last_sign_in_at === null ? null : Number(row.last_sign_in_at),
      });
    }
  }
  return {
    now: ctx.now,
    policy: {
      required: ctx.policy.required,
      deadlineDate: ctx.policy.deadlineDate,
      deadlineZone: ctx.policy.deadlineZone,
      enforcementAt: policyEnforcementAt(ctx.policy),
      enforced: companyEnforces(ctx.policy, ctx.now),
      allowedMethods: [...ctx.policy.allowedMethods],
    },
    counts: {
      total: counts.total,
      byState: {
        enrolledTotp: counts.enrolled_totp,
        enrolledSms: counts.enrolled_sms,
        enrolledBoth: counts.enrolled_both,
        notEnrolled: counts.not_enrolled,
        inactive: counts.inactive,
        sso: counts.sso,
        payments: counts.payments,
      },
      payments: { enrolled: paymentsEnrolled, notEnrolled: counts.payments - paymentsEnrolled },
      willBeBlocked: counts.willBeBlocked,
    },
    willBeBlocked: { total: counts.willBeBlocked, users: blocked, truncated: counts.willBeBlocked > blocked.length },
    recentLockouts: await recentLockouts(db, ctx, limits.lockoutLimit),
  };
}

async function recentLockouts(db: Kysely<Database>, ctx: CompanyContext, limit: number): Promise<RecentLockout[]> {
  if (limit === 0) return [];
  const entries = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.target_id')
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.target_id', 'audit_log.target_email', 'users.name', 'users.email', 'users.failed_attempts', 'users.locked_until'])
    .where('audit_log.company_id', '=', ctx.company.id)
    .where('audit_log.action', '=', AUDIT_ACTIONS.mfaLockout)
    .orderBy('audit_log.seq', 'desc')
    .limit(limit)
    .execute();
  return entries.map((entry) => {
    const lockedUntil = entry.locked_until === null ? null : Number(entry.locked_until);
    const stillLocked = isLocked({ failedAttempts: entry.failed_attempts ?? 0, lockedUntil }, ctx.now);
    return {
      seq: Number(entry.seq),
      at: Number(entry.at),
      userId: entry.target_id,
      email: entry.email ?? entry.target_email,
      name: entry.name,
      lockedUntil: stillLocked ? lockedUntil : null,
      stillLocked,
    };
  });
}
