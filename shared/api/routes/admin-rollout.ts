/**
 * Admin API: the wording of the rollout messages (R-RPT-2). Reading needs any admin-tool access; changing it needs
 * Admin on both tools, as the policy it announces does (R-POL-1). Wording is checked with the console's own rule
 * (`checkRolloutTemplate`): an unknown placeholder is refused by name.
 */
import { z } from 'zod';
import { ROLLOUT_LIMITS, ROLLOUT_MESSAGE_KINDS } from '../../domain/rollout-template';
import { defineRoute } from '../define';

/** One message's wording as stored (or the default). */
export const RolloutWordingView = z.object({
  kind: z.enum(ROLLOUT_MESSAGE_KINDS),
  subject: z.string(),
  body: z.string(),
  /** True while the company has not changed the default wording. */
  isDefault: z.boolean(),
  updatedAt: z.number().nullable(),
  updatedByEmail: z.string().nullable(),
});
export type RolloutWordingView = z.infer<typeof RolloutWordingView>;

const kindParams = z.strictObject({ kind: z.enum(ROLLOUT_MESSAGE_KINDS, { error: 'Pick one of announcement, reminder_30, reminder_7, reminder_1.' }) });

/** A message's new wording. */
export const RolloutWordingBody = z.strictObject({
  subject: z.string({ error: 'Write a subject for the message.' }).max(ROLLOUT_LIMITS.subject * 2, { error: `Keep the subject under ${ROLLOUT_LIMITS.subject} characters.` }),
  body: z.string({ error: 'Write the message.' }).max(ROLLOUT_LIMITS.body, { error: `Keep the message under ${ROLLOUT_LIMITS.body} characters.` }),
});

/** The rollout wording routes. */
export const adminRolloutRoutes = {
  adminRolloutWordingList: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/rollout/wording',
    summary: 'The wording of the announcement and the three reminders, with the placeholders it may use',
    tag: 'admin-rollout',
    auth: 'operator',
    response: z.object({ messages: z.array(RolloutWordingView), placeholders: z.array(z.object({ name: z.string(), description: z.string() })) }),
    errors: ['forbidden'],
  }),
  adminRolloutWordingUpdate: defineRoute({
    method: 'PUT',
    path: '/api/v1/admin/rollout/wording/:kind',
    summary: 'Change one message’s wording (Admin on both tools); 400 names an unknown placeholder',
    tag: 'admin-rollout',
    auth: 'operator',
    params: kindParams,
    body: RolloutWordingBody,
    response: RolloutWordingView,
    errors: ['forbidden'],
  }),
  adminRolloutWordingReset: defineRoute({
    method: 'DELETE',
    path: '/api/v1/admin/rollout/wording/:kind',
    summary: 'Set one message back to the default wording (Admin on both tools)',
    tag: 'admin-rollout',
    auth: 'operator',
    params: kindParams,
    response: RolloutWordingView,
    errors: ['forbidden'],
  }),
};
