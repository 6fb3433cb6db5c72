/**
 * Admin API: the company MFA policy (R-POL-1..7), its history, and the time-zone preview (R-POL-4, R-POL-5).
 * Reading needs any admin-tool access; changing needs `admin` on both Company Admin and Directory (R-POL-1).
 */
import { z } from 'zod';
import { methodKindSchema } from '../../domain/model';
import { policySchema } from '../../domain/policy';
import { defineRoute } from '../define';
import { pageCursor, pageLimit } from './admin-common';

/** A warning about a deadline (R-POL-5); it never blocks saving. */
export const PolicyWarningView = z.object({
  code: z.enum(['deadline_in_past', 'deadline_soon', 'required_without_deadline', 'deadline_midnight_skipped', 'deadline_midnight_repeated']),
  message: z.string(),
  daysLeft: z.number().optional(),
  localTime: z.string().optional(),
});
export type PolicyWarningView = z.infer<typeof PolicyWarningView>;

/** The stored policy with what the console shows beside it. */
export const PolicyView = z.object({
  required: z.boolean(),
  /** `YYYY-MM-DD` in `deadlineZone`, or null. */
  deadlineDate: z.string().nullable(),
  deadlineZone: z.string(),
  allowedMethods: z.array(methodKindSchema),
  smsCodeTtlMinutes: z.number(),
  lockoutThreshold: z.number(),
  lockoutMinutes: z.number(),
  /** null = sessions never expire from inactivity (R-POL-7). */
  sessionIdleMinutes: z.number().nullable(),
  /** Hours a session lasts before the user signs in again, whatever the activity (R-AUTH-4). */
  sessionLifetimeHours: z.number(),
  resetChecklist: z.array(z.object({ id: z.string(), label: z.string(), record: z.string().optional() })),
  staleAfterDays: z.number(),
  /** Days sign-in activity is kept before it is removed (R-LOG-1). */
  signInRetentionDays: z.number(),
  /** Send it back with an update: a stale version is refused with 409 (someone else saved in between). */
  version: z.number(),
  updatedAt: z.number(),
  updatedByEmail: z.string().nullable(),
  /** The instant enforcement begins (epoch ms), or null without a deadline. */
  enforcementAt: z.number().nullable(),
  /** True when the company enforces MFA now (required, and the deadline has come). */
  enforced: z.boolean(),
  /** Company time the view was computed at (the demo company may run a shifted clock). */
  now: z.number(),
  warnings: z.array(PolicyWarningView),
});
export type PolicyView = z.infer<typeof PolicyView>;

/** A policy update: the version read, plus any settings to change (each validated with plain-words errors). */
export const PolicyUpdateBody = z.strictObject({
  version: z.number({ error: 'Send the policy version you read.' }).int().min(1),
  ...policySchema.partial().shape,
});
export type PolicyUpdateBody = z.input<typeof PolicyUpdateBody>;

/** One change of the policy, from the audit log. */
export const PolicyHistoryEntry = z.object({
  seq: z.number(),
  at: z.number(),
  actorEmail: z.string().nullable(),
  /** Names of the settings that changed. */
  changed: z.array(z.string()),
  /** Values of the changed settings before and after. */
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
});
export type PolicyHistoryEntry = z.infer<typeof PolicyHistoryEntry>;

const DstChangeView = z.object({
  at: z.number(),
  offsetBefore: z.string(),
  offsetAfter: z.string(),
  direction: z.enum(['forward', 'back']),
  localTimeBefore: z.string(),
});

/** One zone of the time-zone preview. */
export const TzPreviewRowView = z.object({
  zone: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  weekday: z.string(),
  utcOffset: z.string(),
  offsetMinutes: z.number(),
  dayDifference: z.number(),
  activeUsers: z.number(),
  isDeadlineZone: z.boolean(),
  addedByAdmin: z.boolean(),
  inDst: z.boolean(),
  dstChange: DstChangeView.nullable(),
  notes: z.array(z.string()),
  /** The zone's local days around the instant, each from its first instant to the next day's: what the timeline draws. */
  days: z.array(z.object({ date: z.string(), label: z.string(), startMs: z.number(), endMs: z.number() })),
});
export type TzPreviewRowView = z.infer<typeof TzPreviewRowView>;

/** The time-zone preview of a deadline over the directory's active users (R-POL-4) and its warnings (R-POL-5). */
export const TzPreviewResponse = z.object({
  date: z.string(),
  zone: z.string(),
  instantMs: z.number(),
  instant: z.string(),
  midnightSkipped: z.boolean(),
  /** True when midnight happens twice on the deadline date in its zone (enforcement begins at the first). */
  midnightRepeated: z.boolean(),
  /** The window the timeline draws, epoch ms. */
  timeline: z.object({ startMs: z.number(), endMs: z.number() }),
  deadlineNote: z.string().nullable(),
  rows: z.array(TzPreviewRowView),
  /** Directory zones the tz database does not know (fix those users' time zone). */
  unknownZones: z.array(z.object({ zone: z.string(), activeUsers: z.number() })),
  totalActiveUsers: z.number(),
  warnings: z.array(PolicyWarningView),
});
export type TzPreviewResponse = z.infer<typeof TzPreviewResponse>;

/** Policy routes: read, update, history, time-zone preview. */
export const adminPolicyRoutes = {
  adminPolicyGet: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/policy',
    summary: 'The company MFA policy, its enforcement instant and warnings',
    tag: 'admin-policy',
    auth: 'operator',
    response: PolicyView,
    errors: ['forbidden', 'not_found'],
  }),
  adminPolicyUpdate: defineRoute({
    method: 'PUT',
    path: '/api/v1/admin/policy',
    summary: 'Change the policy (admin on Company Admin and Directory); 409 when `version` is stale; audited',
    tag: 'admin-policy',
    auth: 'operator',
    body: PolicyUpdateBody,
    response: z.object({ policy: PolicyView, changed: z.array(z.string()) }),
    errors: ['forbidden', 'conflict', 'not_found'],
  }),
  adminPolicyHistory: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/policy/history',
    summary: 'Changes of the policy, newest first (from the audit log)',
    tag: 'admin-policy',
    auth: 'operator',
    query: z.strictObject({ cursor: pageCursor, limit: pageLimit }),
    response: z.object({ entries: z.array(PolicyHistoryEntry), nextCursor: z.string().nullable() }),
    errors: ['forbidden'],
  }),
  adminPolicyPreview: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/policy/preview',
    summary: 'When enforcement begins in every directory time zone for a deadline date and zone (R-POL-4)',
    tag: 'admin-policy',
    auth: 'operator',
    query: z.strictObject({
      date: z.string().describe('Deadline date YYYY-MM-DD'),
      zone: z.string().describe('IANA zone the date is read in'),
      extraZones: z
        .string()
        .max(4000)
        .optional()
        .describe('Comma-separated IANA zones to add to the preview')
        .transform((value) => (value ? value.split(',').map((zone) => zone.trim()).filter((zone) => zone !== '') : [])),
      required: z
        .enum(['true', 'false'])
        .default('true')
        .describe('Warnings as if MFA were required (default true)')
        .transform((value) => value === 'true'),
    }),
    response: TzPreviewResponse,
    errors: ['forbidden'],
  }),
};
