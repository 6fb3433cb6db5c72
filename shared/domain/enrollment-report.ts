/**
 * R-RPT-1 enrollment dashboard: each user's state, counts by state, the countdown to enforcement, and who will be
 * blocked when it begins.
 *
 * Each user is in exactly one state, the first that applies: `inactive` (cannot sign in, not asked to enroll),
 * `sso` (their identity provider runs MFA), `payments` (their own rules, R-PAY-1), then by confirmed methods:
 * `enrolled_both`, `enrolled_totp`, `enrolled_sms`, else `not_enrolled`.
 */
import { isSsoUser } from './directory';
import { isEnrolled, isPaymentsUser } from './model';
import type { DomainCompany, DomainUser } from './model';

/** The states of the dashboard, in display order. */
export const ENROLLMENT_STATES = [
  'enrolled_totp',
  'enrolled_sms',
  'enrolled_both',
  'not_enrolled',
  'inactive',
  'sso',
  'payments',
] as const;

/** One dashboard state. */
export type EnrollmentState = (typeof ENROLLMENT_STATES)[number];

type ReportUser = Pick<DomainUser, 'status' | 'email' | 'accountType' | 'methods'>;
type ReportCompany = Pick<DomainCompany, 'ssoDomains'>;

/** The dashboard state of one user. */
export function enrollmentState(user: ReportUser, company: ReportCompany): EnrollmentState {
  if (user.status === 'inactive') return 'inactive';
  if (isSsoUser(user.email, company)) return 'sso';
  if (isPaymentsUser(user)) return 'payments';
  const totp = user.methods.includes('totp');
  const sms = user.methods.includes('sms');
  if (totp && sms) return 'enrolled_both';
  if (totp) return 'enrolled_totp';
  if (sms) return 'enrolled_sms';
  return 'not_enrolled';
}

/** R-RPT-1: true for an active, non-SSO user without a confirmed method (payments users included). */
export function willBeBlocked(user: ReportUser, company: ReportCompany): boolean {
  return user.status === 'active' && !isSsoUser(user.email, company) && !isEnrolled(user);
}

/** Counts per state, the total, and how many users will be blocked at enforcement. */
export type EnrollmentCounts = Record<EnrollmentState, number> & { readonly total: number; readonly willBeBlocked: number };

/** Count a list of users for the dashboard. */
export function enrollmentCounts(users: Iterable<ReportUser>, company: ReportCompany): EnrollmentCounts {
  const counts: Record<EnrollmentState, number> = {
    enrolled_totp: 0,
    enrolled_sms: 0,
    enrolled_both: 0,
    not_enrolled: 0,
    inactive: 0,
    sso: 0,
    payments: 0,
  };
  let total = 0;
  let blocked = 0;
  for (const user of users) {
    counts[enrollmentState(user, company)] += 1;
    total += 1;
    if (willBeBlocked(user, company)) blocked += 1;
  }
  return { ...counts, total, willBeBlocked: blocked };
}

/** The users who will be blocked at enforcement, in list order. */
export function usersBlockedAtEnforcement<U extends ReportUser>(users: Iterable<U>, company: ReportCompany): U[] {
  const blocked: U[] = [];
  for (const user of users) if (willBeBlocked(user, company)) blocked.push(user);
  return blocked;
}

export { countdown, type Countdown } from './countdown';
