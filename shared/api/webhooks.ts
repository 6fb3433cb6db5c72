/**
 * What the service posts to an audit webhook (R-AUD-2), declared with zod like the routes, so the OpenAPI document's
 * `webhooks` section is generated from the same schemas the service and the tests use. Each POST carries
 * `MFA-Signature`, `MFA-Event-Id` and `MFA-Event-Type` (see shared/domain/webhook-signature.ts).
 */
import { z } from 'zod';
import { AuditEntryView } from './routes/admin-audit';

/** One audit entry: posted once per entry, in order of `entry.seq`, at least once (`id` is the same on every retry). */
export const AuditEntryEvent = z.object({
  id: z.string().describe('<companyId>:<seq>, the same on every retry: drop repeats by it'),
  type: z.literal('audit.entry'),
  companyId: z.string(),
  entry: AuditEntryView,
});
export type AuditEntryEvent = z.infer<typeof AuditEntryEvent>;

/** A test event an admin sent from Settings: not an audit entry, never retried. */
export const AuditTestEvent = z.object({
  id: z.string(),
  type: z.literal('test'),
  companyId: z.string(),
  sentAt: z.number().describe('epoch ms'),
  message: z.string(),
});
export type AuditTestEvent = z.infer<typeof AuditTestEvent>;

/** An outgoing webhook: its summary and body. */
export interface WebhookDef {
  readonly summary: string;
  readonly description: string;
  readonly body: z.ZodType;
}

const SIGNED =
  'Signed: `MFA-Signature: t=<unix seconds>,v1=<hex>`, the HMAC-SHA256 under the webhook secret of `<unix seconds>.<raw body>`. ' +
  'Refuse signatures more than 5 minutes from your clock. Answer 2xx to accept; anything else (or no answer within 10 s) is retried ' +
  'after 1 s, 2 s, 4 s … at most 10 minutes apart, and nothing later is sent before it.';

/** Every webhook the service sends, by name. */
export const apiWebhooks: Record<string, WebhookDef> = {
  auditEntry: { summary: 'A new audit entry, in order, at least once', description: SIGNED, body: AuditEntryEvent },
  auditTest: { summary: 'A test event sent from Settings', description: SIGNED, body: AuditTestEvent },
};
