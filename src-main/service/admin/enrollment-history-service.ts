/**
 * Enrollment over time (R-RPT-1): the number of users with MFA set up now, walked back through the audit log's
 * enrollments (`mfa.enrolled`) and removals (`mfa.reset`, `demo.enrollment_reset` of someone who had a method), day
 * by day in the caller's zone, with the deadline on the same calendar. Days are of company time (a shifted demo clock
 * included), like the deadline they are drawn against. Reads two lean queries; the walk is `enrollmentSeries`.
 */
import { sql, type Kysely } from 'kysely';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { EnrollmentHistory } from '../../../shared/api/routes/admin-report';
import { policyEnforcementAt } from '../../../shared/domain/enforcement-instant';
import { addCalendarDays, enrollmentSeries, localDateOf, type EnrollmentEvent } from '../../../shared/domain/enrollment-history';
import type { Database } from '../store/schema';
import type { CompanyContext } from './company-context';

/** The chart runs at most this many days past today to reach the deadline. */
const MAX_DAYS_AHEAD = 366;
const REMOVALS: readonly string[] = [AUDIT_ACTIONS.mfaReset, AUDIT_ACTIONS.demoEnrollmentReset];

/** True when a removal entry's `before` shows methods: only then did the number of enrolled users drop. */
function hadMethods(before: string | null): boolean {
  if (before === null) return false;
  try {
    const value = JSON.parse(before) as { methods?: unknown };
    return Array.isArray(value.methods) && value.methods.length > 0;
  } catch {
    return false;
  }
}

/** The series for `days` past days (today included) in `zone`, reaching on to the deadline when it is ahead. */
export async function enrollmentHistory(db: Kysely<Database>, ctx: CompanyContext, zone: string, days: number): Promise<EnrollmentHistory> {
  const companyId = ctx.company.id;
  const today = localDateOf(ctx.now, zone);
  const first = addCalendarDays(today, -(days - 1));
  const enforcementAt = policyEnforcementAt(ctx.policy);
  const deadlineDate = enforcementAt === null ? null : localDateOf(enforcementAt, zone);
  const horizon = addCalendarDays(today, MAX_DAYS_AHEAD);
  const last = deadlineDate !== null && deadlineDate > today ? (deadlineDate < horizon ? deadlineDate : horizon) : today;

  const enrolled = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('company_id', '=', companyId)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('mfa_methods').select(sql<number>`1`.as('one')).whereRef('mfa_methods.user_id', '=', 'users.id').where('mfa_methods.confirmed_at', 'is not', null),
      ),
    )
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'company_at', 'action', 'before'])
    .where('company_id', '=', companyId)
    .where('action', 'in', [AUDIT_ACTIONS.mfaEnrolled, ...REMOVALS])
    .execute();

  const events: EnrollmentEvent[] = [];
  for (const row of rows) {
    const at = Number(row.company_at ?? row.at);
    if (row.action === AUDIT_ACTIONS.mfaEnrolled) events.push({ at, delta: 1 });
    else if (hadMethods(row.before)) events.push({ at, delta: -1 });
  }
  const enrolledNow = Number(enrolled.n);
  return {
    now: ctx.now,
    timeZone: zone,
    enrolledNow,
    days: enrollmentSeries({ events, enrolledNow, now: ctx.now, zone, first, last }),
    deadline: { required: ctx.policy.required, enforcementAt, localDate: deadlineDate },
    eventsCounted: events.length,
  };
}
