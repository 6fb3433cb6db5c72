/**
 * Admin API: verified MFA resets (R-RST-1..3) and "Locked out?" triage (R-RST-4).
 * Eligibility and triage need any admin-tool access (helpdesk); the reset itself needs `admin` on both tools.
 * The email must match the directory exactly (case-insensitive, no fuzzy match).
 */
import { z } from 'zod';
import { accountTypeSchema, methodKindSchema, timeZoneSchema, userStatusSchema } from '../../domain/model';
import { defineRoute } from '../define';
import { ContactView } from './admin-common';

/** Why a reset is refused (R-RST-2), each with its own message and contact. */
export const ResetRefusalReason = z.enum([
  'operator_lacks_permission',
  'not_in_directory',
  'sso_user',
  'payments_user',
  'own_account',
  'admin_tool_user',
  'inactive_user',
  'not_enrolled',
  'mfa_not_enforced',
]);
export type ResetRefusalReason = z.infer<typeof ResetRefusalReason>;

/** The request body with the user's exact email. */
export const emailBody = z.strictObject({
  email: z.string({ error: 'Type the user’s email.' }).trim().min(1, { error: 'Type the user’s email.' }).max(254),
});

/** The request of a reset check: the exact email, and the helpdesk's time zone for when a lock ends. */
export const lookupBody = emailBody.extend({
  timeZone: timeZoneSchema.optional().describe("The helpdesk's IANA time zone; the operator's directory zone when absent"),
});

/** The user a reset would act on. */
export const ResetTarget = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: userStatusSchema,
  methods: z.array(methodKindSchema),
  hasRecoveryCode: z.boolean(),
  timeZone: z.string(),
  lockedUntil: z.number().nullable(),
  /** True while their verification is locked (at company time). */
  locked: z.boolean(),
  /** While locked: when the lock ends, in the helpdesk's and the user's time; else null. */
  lock: z.string().nullable(),
  /** When the temporary access code they can still use stops working (R-RST-6), or null. */
  accessCodeUntil: z.number().nullable(),
});
export type ResetTarget = z.infer<typeof ResetTarget>;

/** Whether the operator may reset this email's MFA now, and if not, why and whom to contact. */
export const ResetEligibility = z.discriminatedUnion('eligible', [
  z.object({
    eligible: z.literal(true),
    user: ResetTarget,
    /** The identity checks to confirm before the reset (R-RST-3), from the policy; `record` names what to type. */
    checklist: z.array(z.object({ id: z.string(), label: z.string(), record: z.string().optional() })),
    /** True when this operator may end the user's lock here (see `unlockRefusal`). */
    canUnlockHere: z.boolean(),
  }),
  z.object({
    eligible: z.literal(false),
    reason: ResetRefusalReason,
    message: z.string(),
    /** Whom to send the user (or the operator) to; null when the operator should fix their input. */
    contact: ContactView.nullable(),
    /** The directory user, when one matched. */
    user: ResetTarget.nullable(),
    canUnlockHere: z.boolean(),
  }),
]);
export type ResetEligibility = z.infer<typeof ResetEligibility>;

/** What the operator confirmed before a verified action: the checklist items, what they record, a note. */
export const verifiedFields = {
  email: emailBody.shape.email,
  /** Ids of the checklist items the operator confirmed: every item of the policy's checklist is needed. */
  checks: z.array(z.string().max(40)).max(20),
  /** What the operator typed for the checks that record something (the ticket number), by check id. */
  values: z.record(z.string().max(40), z.string().trim().max(200, { error: 'Keep what you record under 200 characters.' })).optional(),
  verified: z.literal(true, { error: 'Tick “I have verified the user’s request to reset MFA” before resetting.' }),
  /** Free text kept with the evidence, such as the ticket number. */
  note: z.string().trim().max(500).optional(),
};

/** The reset request: the exact email, the checklist items confirmed, and the "I have verified" box. */
export const ResetBody = z.strictObject(verifiedFields);
export type ResetBody = z.input<typeof ResetBody>;

/** What a reset removed. */
export const ResetResult = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  removed: z.object({
    methods: z.array(methodKindSchema),
    /** Methods still being set up (never confirmed), also removed. */
    pendingMethods: z.number(),
    recoveryCode: z.boolean(),
    sessionsEnded: z.number(),
    lockoutCleared: z.boolean(),
  }),
  at: z.number(),
});
export type ResetResult = z.infer<typeof ResetResult>;

/** "Locked out?" triage: who can help this caller and why (R-RST-4). */
export const TriageResult = z.object({
  /** Who can help: a contact, the user themselves (`self_service`), or nobody known (`unknown`: not in the directory). */
  helper: z.enum(['company_admin', 'another_company_admin', 'it_department', 'payments_support', 'self_service', 'unknown']),
  /** One line: who to contact. */
  headline: z.string(),
  /** Why that is the right place, in plain words for the helpdesk to read to the caller. */
  why: z.string(),
  /** While verification is locked: when the lock ends, in the helpdesk's and the user's time; else null. */
  lock: z.string().nullable(),
  /** Things the caller can try now (what the sign-in screens allow at this moment). */
  tips: z.array(z.string()),
  /** The contact with its label, when `helper` is one. */
  contact: ContactView.nullable(),
  /**
   * True when this operator can fix it here: reset (eligible), unlock (locked and allowed to unlock), or issue a
   * temporary access code (eligible, R-RST-6).
   */
  canResetHere: z.boolean(),
  canUnlockHere: z.boolean(),
  canIssueCodeHere: z.boolean(),
  user: z
    .object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      status: userStatusSchema,
      accountType: accountTypeSchema,
      sso: z.boolean(),
      methods: z.array(methodKindSchema),
      hasRecoveryCode: z.boolean(),
      timeZone: z.string(),
      lockedUntil: z.number().nullable(),
      locked: z.boolean(),
      /** When the temporary access code they can still use stops working, or null. */
      accessCodeUntil: z.number().nullable(),
    })
    .nullable(),
});
export type TriageResult = z.infer<typeof TriageResult>;

/** The triage request: the caller's email, and the helpdesk's time zone for when a lock ends. */
export const TriageBody = lookupBody;
export type TriageBody = z.input<typeof TriageBody>;

/** Reset routes: eligibility, the verified reset, triage. */
export const adminResetRoutes = {
  adminResetEligibility: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/reset/eligibility',
    summary: 'May this operator reset this email’s MFA? Each refusal with its reason and whom to contact; a lock and when it ends',
    tag: 'admin-reset',
    auth: 'operator',
    body: lookupBody,
    response: ResetEligibility,
    errors: ['forbidden'],
  }),
  adminReset: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/reset',
    summary:
      'Reset a user’s MFA after the identity checklist: removes every method and the recovery code, ends sessions; audited',
    tag: 'admin-reset',
    auth: 'operator',
    body: ResetBody,
    response: ResetResult,
    errors: ['forbidden', 'not_found', 'unprocessable'],
  }),
  adminTriage: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/triage',
    summary: '“Locked out?” triage: from an email, who can help and why, and when a lock ends',
    tag: 'admin-reset',
    auth: 'operator',
    body: TriageBody,
    response: TriageResult,
    errors: ['forbidden'],
  }),
};
