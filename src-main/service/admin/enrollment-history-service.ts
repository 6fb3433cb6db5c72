/**
 * Enrollment over time (R-RPT-1): the number of users enrolled now (the dashboard's enrolled states), walked back through the audit log's
 * enrollments (`mfa.enrolled`) and removals (`mfa.reset`, `demo.enrollment_reset` of someone who had a method), day
 * by day in the caller's zone, with the deadline on the same calendar. Days are of company time (a shifted demo clock
 * included), like the deadline they are drawn against. Reads two lean queries; the walk is `enrollmentSeries`.
 */
import type { Kysely } from 'kysely';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { EnrollmentHistory } from '../../../shared/api/routes/admin-report';
import { policyEnforcementAt } from '../../../shared/domain/enforcement-instant';
import { ENROLLMENT_GROUPS } from '../../../shared/domain/enrollment-report';
import { addCalendarDays, enrollmentSeries, localDateOf, type EnrollmentEvent } from '../../../shared/domain/enrollment-history';
import type { Database } from '../store/schema';
import { enrollmentCondition } from './directory-repo';
import type { CompanyContext } from './company-context';

/** The chart runs at most this many days past today to reach the deadline. */
const MAX_DAYS_AHEAD = 366;
const REMOVALS: readonly string[] = [AUDIT_ACTIONS.mfaReset, AUDIT_ACTIONS.demoEnrollmentReset];
/** The dashboard states whose people are asked to enroll: their enrollments and resets move the count. */
const COUNTED = [...ENROLLMENT_GROUPS.enrolled, 'not_enrolled'] as const;

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

  // "Enrolled" is the dashboard's: the three enrolled states of ENROLLMENT_STATE_FACTS (active, not SSO, not
  // payments, with a confirmed method), so today's point equals the dashboard's count.
  const enrolled = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('company_id', '=', companyId)
    .where((eb) => enrollmentCondition(eb, ENROLLMENT_GROUPS.enrolled, ctx.company))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'company_at', 'action', 'before'])
    .where('company_id', '=', companyId)
    .where('action', 'in', [AUDIT_ACTIONS.mfaEnrolled, ...REMOVALS])
    // Only people the dashboard asks to enroll (its enrolled and not-enrolled states): a payments, SSO or
    // deactivated person's enrollment never moved its count.
    .where('target_id', 'in', (eb) =>
      eb.selectFrom('users').select('users.id').where('users.company_id', '=', companyId).where((inner) => enrollmentCondition(inner, COUNTED, ctx.company)),
    )
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
