/** Sign-in activity channels (R-LOG-1): attempts newest first with filters, and the CSV export. */
import { z } from 'zod';
import type { SignInAttemptView } from '../../api/routes/admin-activity';
import { ACTIVITY_PAGE } from '../../api/routes/admin-activity';
import { signInMethodSchema, signInOutcomeSchema } from '../../domain/sign-in-activity';
import { channel } from '../define';

/** Filters of the activity screen. `from`/`to` are instants (the view turns local dates into them). */
export const activityFilterSchema = z.strictObject({
  who: z.string().trim().max(254, { error: 'Keep the name or email under 254 characters.' }).optional(),
  userId: z.string().max(100).optional(),
  outcome: signInOutcomeSchema.optional(),
  method: signInMethodSchema.optional(),
  ip: z.string().trim().max(64, { error: 'An address has at most 64 characters.' }).optional(),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
});
/** Parsed activity filters. */
export type ActivityFilter = z.output<typeof activityFilterSchema>;

/** One page of attempts. */
export interface ActivityPage {
  attempts: SignInAttemptView[];
  nextCursor: string | null;
}

export const activityChannels = {
  'activity:list': channel(
    activityFilterSchema.extend({ cursor: z.string().max(60).optional(), limit: z.number().int().min(1).max(ACTIVITY_PAGE.max).default(ACTIVITY_PAGE.default) }),
  )<ActivityPage>(),
  'activity:export': channel(activityFilterSchema)<{ fileName: string; csv: string }>(),
};
