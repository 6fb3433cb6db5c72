/**
 * Audit webhook channels (R-AUD-2): Settings reads the webhook and its delivery, saves it (a new secret goes to the
 * service once and never comes back), sends a test event, retries now, or removes it. The address and the secret are
 * checked with the service's own rules before they leave the console.
 */
import { z } from 'zod';
import type { AuditWebhookTestResult, AuditWebhookView } from '../../api/routes/admin-audit-webhook';
import { WEBHOOK_URL_MAX, webhookSecretProblem, webhookUrlProblem } from '../../domain/audit-webhook';
import { channel } from '../define';

export type { AuditWebhookTestResult, AuditWebhookView };

/** The Settings form. */
export const auditWebhookFormSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .max(WEBHOOK_URL_MAX)
    .superRefine((url, ctx) => {
      const problem = webhookUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  enabled: z.boolean(),
  /** A new signing secret, or null to keep the stored one. */
  secret: z
    .string()
    .nullable()
    .superRefine((secret, ctx) => {
      const problem = secret === null ? null : webhookSecretProblem(secret);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

export const auditWebhookChannels = {
  'audit-webhook:get': channel(z.strictObject({}))<AuditWebhookView>(),
  'audit-webhook:save': channel(auditWebhookFormSchema)<AuditWebhookView>(),
  'audit-webhook:remove': channel(z.strictObject({}))<AuditWebhookView>(),
  'audit-webhook:test': channel(z.strictObject({}))<AuditWebhookTestResult>(),
  'audit-webhook:retry': channel(z.strictObject({}))<AuditWebhookView>(),
};
