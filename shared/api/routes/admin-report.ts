/**
 * Admin API: the enrollment report behind the dashboard (R-RPT-1): counts by state, the enforcement instant,
 * who will be blocked at enforcement, and recent lockouts. Needs any admin-tool access.
 */
import { z } from 'zod';
import { methodKindSchema, timeZoneSchema } from '../../domain/model';
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

/** Bounds of how many past days the enrollment history covers. */
export const HISTORY_DAYS = { min: 7, default: 90, max: 730 } as const;

/** Enrolled users day by day (R-RPT-1), from the audit log, with the deadline on the same calendar. */
export const EnrollmentHistory = z.object({
  /** Company time the series ends at (today's figure is the count at this instant). */
  now: z.number(),
  /** The zone the days are calendar days of. */
  timeZone: z.string(),
  /** Users enrolled now, as the dashboard counts them (its three enrolled states). */
  enrolledNow: z.number(),
  /** Oldest first; past days and today carry the number enrolled at their end, days still to come null. */
  days: z.array(z.object({ date: z.string(), enrolled: z.number().nullable() })),
  deadline: z.object({
    required: z.boolean(),
    /** The enforcement instant (epoch ms), or null without a deadline. */
    enforcementAt: z.number().nullable(),
    /** The date enforcement begins on in `timeZone` (it can differ from the deadline's own date), or null. */
    localDate: z.string().nullable(),
  }),
  /** Audit entries (enrollments, resets, removals) the series was walked back through. */
  eventsCounted: z.number(),
});
export type EnrollmentHistory = z.infer<typeof EnrollmentHistory>;

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
  adminEnrollmentHistory: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/report/enrollment-history',
    summary: 'Enrolled users at the end of each day (in a time zone), from the audit log, up to today or the deadline',
    tag: 'admin-report',
    auth: 'operator',
    query: z.strictObject({
      timeZone: timeZoneSchema.optional().describe('Whose calendar days; the deadline zone when absent'),
      days: z.coerce
        .number({ error: 'days must be a number.' })
        .int({ error: 'days must be a whole number.' })
        .min(HISTORY_DAYS.min, { error: `Show at least ${HISTORY_DAYS.min} days.` })
        .max(HISTORY_DAYS.max, { error: `Show at most ${HISTORY_DAYS.max} days.` })
        .default(HISTORY_DAYS.default)
        .describe('Past days shown, today included'),
    }),
    response: EnrollmentHistory,
    errors: ['forbidden'],
  }),
};
