/**
 * Admin API: the enrollment report behind the dashboard (R-RPT-1): counts by state, the enforcement instant,
 * who will be blocked at enforcement, and recent lockouts. Needs any admin-tool access.
 */
import { z } from 'zod';
import { methodKindSchema } from '../../domain/model';
import { defineRoute } from '../define';

/**
 * Counts by state (R-RPT-1). `byState` puts every user in exactly one state, the first that applies: inactive, SSO,
 * payments, then by confirmed methods. `payments` splits the payments state by enrollment.
 */
export const EnrollmentCounts = z.object({
  total: z.number(),
  byState: z.object({
    enrolledTotp: z.number(),
    enrolledSms: z.number(),
    enrolledBoth: z.number(),
    notEnrolled: z.number(),
    inactive: z.number(),
    sso: z.number(),
    payments: z.number(),
  }),
  payments: z.object({ enrolled: z.number(), notEnrolled: z.number() }),
  /** Active, not SSO, not enrolled (payments users included). */
  willBeBlocked: z.number(),
});
export type EnrollmentCounts = z.infer<typeof EnrollmentCounts>;

/** A user who cannot sign in without enrolling once enforcement begins (active, not SSO, not enrolled). */
export const BlockedUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  timeZone: z.string(),
  accountType: z.string(),
  lastSignInAt: z.number().nullable(),
});
export type BlockedUser = z.infer<typeof BlockedUser>;

/** A lockout from the audit log, with the user's lock as it stands now. */
export const RecentLockout = z.object({
  seq: z.number(),
  at: z.number(),
  userId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  /** The user's current lock end (null = not locked any more). */
  lockedUntil: z.number().nullable(),
  stillLocked: z.boolean(),
});
export type RecentLockout = z.infer<typeof RecentLockout>;

/** The enrollment report. */
export const EnrollmentReport = z.object({
  /** Company time of the report. */
  now: z.number(),
  policy: z.object({
    required: z.boolean(),
    deadlineDate: z.string().nullable(),
    deadlineZone: z.string(),
    /** The enforcement instant (epoch ms), or null without a deadline. */
    enforcementAt: z.number().nullable(),
    enforced: z.boolean(),
    allowedMethods: z.array(methodKindSchema),
  }),
  counts: EnrollmentCounts,
  willBeBlocked: z.object({ total: z.number(), users: z.array(BlockedUser), truncated: z.boolean() }),
  recentLockouts: z.array(RecentLockout),
});
export type EnrollmentReport = z.infer<typeof EnrollmentReport>;

/** The enrollment report route. */
export const adminReportRoutes = {
  adminEnrollmentReport: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/report/enrollment',
    summary: 'Enrollment by state, the deadline, who will be blocked at enforcement, recent lockouts',
    tag: 'admin-report',
    auth: 'operator',
    query: z.strictObject({
      blockedLimit: z.coerce.number().int().min(0).max(10_000).default(500).describe('Most blocked users listed'),
      lockoutLimit: z.coerce.number().int().min(0).max(500).default(20).describe('Most recent lockouts listed'),
    }),
    response: EnrollmentReport,
    errors: ['forbidden'],
  }),
};
