/**
 * Admin API: sign-in activity (R-LOG-1): every attempt at a step of the sign-in, newest first with filters and
 * cursor paging, and as CSV. Needs the Helpdesk permission or a permission on Company Admin (R-RST-5).
 */
import { z } from 'zod';
import { signInMethodSchema, signInOutcomeSchema } from '../../domain/sign-in-activity';
import { defineRoute } from '../define';

/** One attempt, with the directory user it was for when known (their current name and email). */
export const SignInAttemptView = z.object({
  seq: z.number(),
  at: z.number().describe('Real time of the attempt (epoch ms)'),
  emailTyped: z.string().describe('The email as typed'),
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable().describe('Null: no one in the directory has that email'),
  outcome: signInOutcomeSchema,
  method: signInMethodSchema.nullable(),
  /** What the person was told, in the service's words (never a password, code or token). */
  detail: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SignInAttemptView = z.infer<typeof SignInAttemptView>;

const instant = z.coerce.number({ error: 'Give the time as epoch milliseconds.' }).int().min(0);

/** Filters of the activity list and export. */
export const SignInActivityFilter = z.strictObject({
  who: z
    .string()
    .trim()
    .max(254)
    .optional()
    .describe('An email (exact, any case: attempts with it as typed, or by the user who has it), or words of a name or email'),
  userId: z.string().max(100).optional().describe("One directory user's attempts"),
  outcome: signInOutcomeSchema.optional(),
  method: signInMethodSchema.optional(),
  ip: z.string().trim().max(64).optional().describe('The client address, exactly'),
  from: instant.optional().describe('Attempts at or after this instant (epoch ms)'),
  to: instant.optional().describe('Attempts before this instant (epoch ms)'),
});
export type SignInActivityFilter = z.input<typeof SignInActivityFilter>;

/** Largest page of the list. */
export const ACTIVITY_PAGE = { default: 100, max: 500 } as const;
/** Most attempts one CSV export holds: narrow the filters for more. */
export const ACTIVITY_EXPORT_MAX = 100_000;
/** Most directory users a name search may stand for. */
export const ACTIVITY_WHO_MAX_USERS = 200;

/** Sign-in activity routes: list and CSV export. */
export const adminActivityRoutes = {
  adminSignInActivity: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/sign-in-activity',
    summary: 'Sign-in attempts, newest first, with filters and cursor paging',
    tag: 'admin-activity',
    auth: 'operator',
    query: SignInActivityFilter.extend({
      cursor: z.string().max(60).optional(),
      limit: z.coerce.number().int().min(1).max(ACTIVITY_PAGE.max).default(ACTIVITY_PAGE.default),
    }),
    response: z.object({ attempts: z.array(SignInAttemptView), nextCursor: z.string().nullable() }),
    errors: ['bad_request', 'forbidden'],
  }),
  adminSignInActivityExport: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/sign-in-activity/export',
    summary: `The filtered sign-in attempts as CSV, newest first (at most ${ACTIVITY_EXPORT_MAX.toLocaleString('en-US')})`,
    tag: 'admin-activity',
    auth: 'operator',
    query: SignInActivityFilter,
    produces: 'text/csv',
    response: z.string(),
    errors: ['bad_request', 'forbidden', 'unprocessable'],
  }),
};
