/**
 * Demo users who are already enrolled when the demo company is created, so a trainer can show the challenge at
 * once: some with the authenticator app, one with SMS, one with both, a payments payor with the app, and one
 * whose MFA is locked after too many wrong codes. Their TOTP secrets are sealed like any other.
 */
import { DEMO_DOMAIN } from './demo-company';

/** One pre-enrolled demo user. */
export interface DemoEnrollment {
  /** Local part of the email (the domain is the demo domain). */
  local: string;
  totp: boolean;
  /** E.164 number of an allowed country, or null. */
  phone: string | null;
  /** Days before the seed time the user enrolled. */
  enrolledDaysAgo: number;
  /** True for the user whose MFA is locked at seed time (5 wrong codes in a row). */
  locked?: boolean;
}

/** The pre-enrolled demo users. */
export const DEMO_ENROLLMENTS: readonly DemoEnrollment[] = [
  { local: 'morgan.lee', totp: true, phone: null, enrolledDaysAgo: 20 },
  { local: 'camille.laurent', totp: true, phone: null, enrolledDaysAgo: 12 },
  { local: 'giulia.romano', totp: true, phone: null, enrolledDaysAgo: 6 },
  { local: 'casey.morgan', totp: false, phone: '+12015550123', enrolledDaysAgo: 9 },
  { local: 'mia.thompson', totp: true, phone: '+61412345678', enrolledDaysAgo: 4 },
  { local: 'pat.okafor', totp: true, phone: null, enrolledDaysAgo: 15 },
  { local: 'lukas.becker', totp: true, phone: null, enrolledDaysAgo: 30, locked: true },
];

/** The email of a pre-enrolled demo user. */
export function demoEnrollmentEmail(enrollment: Pick<DemoEnrollment, 'local'>): string {
  return `${enrollment.local}@${DEMO_DOMAIN}`;
}
