/**
 * Admin API of R-AUD-2: the webhook audit entries are streamed to (a SIEM), its signing secret (write-only: never
 * answered back), a test event, and where delivery stands. Reading needs any admin-tool access; changing it, testing
 * it and retrying need Admin on both tools.
 */
import { z } from 'zod';
import { WEBHOOK_SECRET_LENGTH, WEBHOOK_URL_MAX } from '../../domain/audit-webhook';
import { defineRoute } from '../define';

/** Where delivery stands. */
export const AuditWebhookDelivery = z.object({
  /**
   * `up_to_date`: every entry was delivered; `delivering`: entries are on their way; `retrying`: the last try failed
   * and the next waits (`nextAttemptAt`); `paused`: sending is turned off, entries wait.
   */
  state: z.enum(['up_to_date', 'delivering', 'retrying', 'paused']),
  /** The last entry the receiver accepted (null: none yet since the webhook was set up). */
  deliveredEntry: z.object({ seq: z.number(), at: z.number(), action: z.string() }).nullable(),
  /** Entries delivered up to this sequence number (the cursor). */
  deliveredSeq: z.number(),
  /** The log's newest entry, or null when the log is empty. */
  latestSeq: z.number().nullable(),
  /** Entries written but not delivered yet. */
  backlog: z.number(),
  lastSuccessAt: z.number().nullable(),
  /** The last failure in plain words (never the secret), and when; kept after a later success, as history. */
  lastError: z.string().nullable(),
  lastErrorAt: z.number().nullable(),
  /** Failed tries in a row (0 after a success). */
  failures: z.number(),
  /** When the next try is due, while retrying. */
  nextAttemptAt: z.number().nullable(),
});
export type AuditWebhookDelivery = z.infer<typeof AuditWebhookDelivery>;

/** The webhook setting and its delivery: the secret itself is never part of it. */
export const AuditWebhookView = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  enabled: z.boolean(),
  /** When the current secret was set (null: no webhook). */
  secretSetAt: z.number().nullable(),
  updatedAt: z.number().nullable(),
  updatedBy: z.string().nullable().describe('Email of the admin who changed it last'),
  delivery: AuditWebhookDelivery.nullable(),
});
export type AuditWebhookView = z.infer<typeof AuditWebhookView>;

/** What a test event got from the receiver. */
export const AuditWebhookTestResult = z.object({
  ok: z.boolean(),
  /** The HTTP status answered, or null when none came (refused, timed out, unknown host). */
  status: z.number().nullable(),
  /** What happened, in plain words. */
  message: z.string(),
  durationMs: z.number(),
});
export type AuditWebhookTestResult = z.infer<typeof AuditWebhookTestResult>;

/** The webhook setting as an admin saves it. */
export const AuditWebhookSettings = z.strictObject({
  url: z.string().trim().max(WEBHOOK_URL_MAX).describe('https, or plain http only for 127.0.0.1 / localhost'),
  enabled: z.boolean().describe('false pauses sending: entries wait and are sent, in order, once it is true again'),
  secret: z
    .string()
    .min(WEBHOOK_SECRET_LENGTH.min, { error: `The secret must be at least ${WEBHOOK_SECRET_LENGTH.min} characters long.` })
    .max(WEBHOOK_SECRET_LENGTH.max, { error: `The secret can be at most ${WEBHOOK_SECRET_LENGTH.max} characters long.` })
    .optional()
    .describe('The HMAC-SHA256 signing secret: required the first time, replaces the current one when given; never answered back'),
});
export type AuditWebhookSettings = z.input<typeof AuditWebhookSettings>;

export const adminAuditWebhookRoutes = {
  adminAuditWebhookGet: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/audit/webhook',
    summary: 'The audit webhook (without its secret) and where delivery stands: delivered up to which entry, backlog, last success and error, next retry',
    tag: 'admin-audit',
    auth: 'operator',
    response: AuditWebhookView,
    errors: ['forbidden'],
  }),
  adminAuditWebhookPut: defineRoute({
    method: 'PUT',
    path: '/api/v1/admin/audit/webhook',
    summary: 'Sets the audit webhook: entries written from now on are posted to it in order, signed with the secret (Admin on both tools; audited)',
    tag: 'admin-audit',
    auth: 'operator',
    body: AuditWebhookSettings,
    response: AuditWebhookView,
    errors: ['forbidden'],
  }),
  adminAuditWebhookDelete: defineRoute({
    method: 'DELETE',
    path: '/api/v1/admin/audit/webhook',
    summary: 'Removes the audit webhook and its secret; entries not delivered yet are no longer sent (Admin on both tools; audited)',
    tag: 'admin-audit',
    auth: 'operator',
    response: AuditWebhookView,
    errors: ['forbidden', 'not_found'],
  }),
  adminAuditWebhookTest: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/audit/webhook/test',
    summary: 'Posts a signed test event (type `test`, not an audit entry) to the webhook now and says what the receiver answered',
    tag: 'admin-audit',
    auth: 'operator',
    response: AuditWebhookTestResult,
    errors: ['forbidden', 'not_found'],
  }),
  adminAuditWebhookRetry: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/audit/webhook/retry',
    summary: 'Tries the waiting entries now instead of at the next retry',
    tag: 'admin-audit',
    auth: 'operator',
    response: AuditWebhookView,
    errors: ['forbidden', 'not_found'],
  }),
};
