/**
 * Demo tool (R-CON-2, R-DIR-5): the demo company's email outbox, which feeds the Mail app of the simulator's phone
 * the way the SMS outbox feeds Messages. Same access rules as the other demo tools.
 */
import { z } from 'zod';
import { defineRoute } from '../define';

/** One email as the demo outbox keeps it. `link` is the one-time link it carries, if any. */
export const OutboxMail = z.object({
  id: z.string(),
  seq: z.number().int().describe('Increasing; ask for messages after the last one seen'),
  userId: z.string().nullable(),
  to: z.string(),
  kind: z.enum(['invitation', 'password_reset', 'sso_notice', 'password_changed', 'test']),
  subject: z.string(),
  text: z.string(),
  link: z.string().nullable(),
  sentAt: z.number().describe('Real time it was queued'),
});
export type OutboxMail = z.infer<typeof OutboxMail>;

export const demoMailRoutes = {
  demoMailOutbox: defineRoute({
    method: 'GET',
    path: '/api/v1/demo/mail-outbox',
    summary: 'Email sent to the demo company (oldest first), after `afterSeq` when given; for one user when `userId` is given',
    tag: 'demo',
    auth: 'operator',
    query: z.strictObject({ afterSeq: z.coerce.number().int().min(0).optional(), userId: z.string().max(100).optional() }),
    response: z.object({ messages: z.array(OutboxMail) }),
    errors: ['forbidden'],
  }),
};
