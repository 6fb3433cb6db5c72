/**
 * Admin API: the append-only, hash-chained audit log (R-AUD-1): list newest first with filters, CSV and JSON Lines
 * export, and chain verification. Needs any admin-tool access.
 */
import { z } from 'zod';
import { defineRoute } from '../define';
import { pageCursor, pageLimit } from './admin-common';

/**
 * The actions written to the audit log. Services that audit (admin API, sign-in and enrollment) use these names,
 * so the console's filters and the enrollment report can rely on them.
 */
export const AUDIT_ACTIONS = {
  policyUpdate: 'policy.update',
  userCreate: 'user.create',
  userUpdate: 'user.update',
  userDeactivate: 'user.deactivate',
  userReactivate: 'user.reactivate',
  usersImport: 'users.import',
  mfaReset: 'mfa.reset',
  mfaUnlock: 'mfa.unlock',
  /** Written by the sign-in service when wrong codes lock a user (R-AUTH-2). */
  mfaLockout: 'mfa.lockout',
  /** Written by the enrollment service when a user confirms their first method. */
  mfaEnrolled: 'mfa.enrolled',
  /** A user added or replaced a method (R-AUTH-3). */
  mfaMethodChanged: 'mfa.method_changed',
  mfaRecoveryCodeRenewed: 'mfa.recovery_code_renewed',
  mfaRecoveryCodeUsed: 'mfa.recovery_code_used',
  /** A helpdesk issued a temporary access code after the verified checklist (R-RST-6), or revoked one. */
  mfaAccessCodeIssued: 'mfa.access_code_issued',
  mfaAccessCodeRevoked: 'mfa.access_code_revoked',
  /** A user signed in with a temporary access code in place of the challenge. */
  mfaAccessCodeUsed: 'mfa.access_code_used',
  mfaAlwaysRequireChanged: 'mfa.always_require_changed',
  /** R-DIR-5: an invitation (or, for SSO users, the note sending them to their identity provider) was sent. */
  userInvite: 'user.invite',
  userInvitationRevoke: 'user.invitation_revoked',
  /** A "forgot password" link was sent to a directory user. */
  passwordResetRequested: 'user.password_reset_requested',
  /** A password was set or changed (evidence says how: invitation or reset); every session of the user ended. */
  passwordSet: 'user.password_set',
  /** The wording of a rollout message was changed, or set back to the default (R-RPT-2). */
  rolloutWordingUpdate: 'rollout.wording_update',
  /** Trainer tools of the demo company (R-CON-2). */
  demoClockShifted: 'demo.clock_shifted',
  demoEnrollmentReset: 'demo.enrollment_reset',
  /** The simulated phone was given a demo person's authenticator key. */
  demoAuthenticatorRead: 'demo.authenticator_read',
  /** R-AUD-2: the audit webhook was set up or changed (address, on/off, a new secret: never the secret itself). */
  auditWebhookUpdated: 'audit.webhook_updated',
  auditWebhookRemoved: 'audit.webhook_removed',
} as const;
/** An action name of the audit log. */
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

/** One audit entry. before/after/evidence are the JSON values recorded with it. */
export const AuditEntryView = z.object({
  seq: z.number(),
  at: z.number().describe('Real time of the action (epoch ms)'),
  companyAt: z.number().nullable().describe("The company's simulated time then, when its demo clock was shifted; else null"),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetId: z.string().nullable(),
  targetEmail: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  evidence: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

const instant = z.coerce.number().int().min(0);

/** Filters of the audit list and export. */
export const AuditFilterQuery = z.strictObject({
  actor: z.string().max(254).optional().describe("Part of the actor's email or name (case-insensitive), or their id"),
  action: z
    .string()
    .max(500)
    .optional()
    .describe('Comma-separated actions; a name ending in "." matches every action starting with it (e.g. "user.")'),
  target: z.string().max(254).optional().describe("Part of the target's email or name (case-insensitive), or their id"),
  from: instant.optional().describe('Entries at or after this instant (epoch ms)'),
  to: instant.optional().describe('Entries before this instant (epoch ms)'),
});
export type AuditFilterQuery = z.input<typeof AuditFilterQuery>;

/** Result of walking the chain: intact, or the first entry that breaks it. */
export const AuditVerification = z.object({
  ok: z.boolean(),
  /** Entries checked (up to the break). */
  checked: z.number(),
  total: z.number(),
  brokenAt: z
    .object({
      /** The entry named (for entries cut off the end: the first one missing). */
      seq: z.number(),
      /** Null when the entry named is missing. */
      at: z.number().nullable(),
      action: z.string().nullable(),
      /**
       * `content_mismatch`: an entry was changed; `link_mismatch`: one was removed or added in the middle;
       * `tail_missing`: entries were cut off the end (or the log restored from an older copy); `key_missing`: the
       * vault lacks the key that sealed the entry; `head_missing`: the vault holds no record of the log's end.
       */
      reason: z.enum(['link_mismatch', 'content_mismatch', 'tail_missing', 'key_missing', 'head_missing']),
      message: z.string(),
    })
    .nullable(),
  /** When intact: something to know (the vault could not record the log's end lately), or null. */
  note: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

/** Audit log routes: list, CSV and JSON Lines export, chain verification. */
export const adminAuditRoutes = {
  adminAuditList: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/audit',
    summary: 'Audit entries, newest first, with filters and cursor paging',
    tag: 'admin-audit',
    auth: 'operator',
    query: AuditFilterQuery.extend({ cursor: pageCursor, limit: pageLimit }),
    response: z.object({ entries: z.array(AuditEntryView), nextCursor: z.string().nullable() }),
    errors: ['forbidden'],
  }),
  adminAuditExport: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/audit/export',
    summary: 'The filtered audit log as CSV, oldest first',
    tag: 'admin-audit',
    auth: 'operator',
    query: AuditFilterQuery,
    produces: 'text/csv',
    response: z.string(),
    errors: ['forbidden'],
  }),
  adminAuditExportJsonl: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/audit/export.jsonl',
    summary: 'The filtered audit log as JSON Lines, oldest first: one entry per line with every field (the list\'s entry shape)',
    tag: 'admin-audit',
    auth: 'operator',
    query: AuditFilterQuery,
    produces: 'application/jsonl',
    response: z.string(),
    errors: ['forbidden'],
  }),
  adminAuditVerify: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/audit/verify',
    summary: 'Verify the keyed hash chain and its end against the vault; names what broke and where',
    tag: 'admin-audit',
    auth: 'operator',
    response: AuditVerification,
    errors: ['forbidden'],
  }),
};
