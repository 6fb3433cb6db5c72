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

/** The facts a user's state is decided by. */
export interface EnrollmentFacts {
  readonly active: boolean;
  readonly sso: boolean;
  readonly payments: boolean;
  readonly totp: boolean;
  readonly sms: boolean;
}

/**
 * Each state as the facts it requires: the one definition of the states. A fact a state does not name may be
 * either way. No two states can hold at once (the unit test checks every combination), so the service's SQL
 * filters, built from this table, find exactly the users the dashboard and the console cache count in a state.
 */
export const ENROLLMENT_STATE_FACTS: Readonly<Record<EnrollmentState, Partial<EnrollmentFacts>>> = {
  inactive: { active: false },
  sso: { active: true, sso: true },
  payments: { active: true, sso: false, payments: true },
  enrolled_both: { active: true, sso: false, payments: false, totp: true, sms: true },
  enrolled_totp: { active: true, sso: false, payments: false, totp: true, sms: false },
  enrolled_sms: { active: true, sso: false, payments: false, totp: false, sms: true },
  not_enrolled: { active: true, sso: false, payments: false, totp: false, sms: false },
};

/** Filters that group states: `enrolled` is any of the three enrolled states. */
export const ENROLLMENT_GROUPS = { enrolled: ['enrolled_totp', 'enrolled_sms', 'enrolled_both'] } as const satisfies Record<string, readonly EnrollmentState[]>;

/** The facts of one user. */
export function enrollmentFacts(user: ReportUser, company: ReportCompany): EnrollmentFacts {
  return {
    active: user.status === 'active',
    sso: isSsoUser(user.email, company),
    payments: isPaymentsUser(user),
    totp: user.methods.includes('totp'),
    sms: user.methods.includes('sms'),
  };
}

/** True when `facts` meet every fact `state` requires. */
export function factsMatchState(facts: EnrollmentFacts, state: EnrollmentState): boolean {
  const required = ENROLLMENT_STATE_FACTS[state];
  return (Object.keys(required) as (keyof EnrollmentFacts)[]).every((key) => required[key] === facts[key]);
}

/** The state of a user with these facts. */
export function stateOfFacts(facts: EnrollmentFacts): EnrollmentState {
  for (const state of ENROLLMENT_STATES) if (factsMatchState(facts, state)) return state;
  throw new Error('Enrollment states do not cover these facts; ENROLLMENT_STATE_FACTS is incomplete.');
}

/** The dashboard state of one user. */
export function enrollmentState(user: ReportUser, company: ReportCompany): EnrollmentState {
  return stateOfFacts(enrollmentFacts(user, company));
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
