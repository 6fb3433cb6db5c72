/**
 * Shapes shared by the admin routes (R-DIR-1): a directory user as the console lists, caches and shows it.
 * Times are epoch milliseconds; the console renders them in the admin's local time.
 */
import { z } from 'zod';
import { accountTypeSchema, methodKindSchema, toolPermissionSchema, userStatusSchema } from '../../domain/model';

/** Permissions on the two admin tools, and the Helpdesk permission (R-RST-5). */
export const ToolPermissionsView = z.object({
  companyAdmin: toolPermissionSchema,
  directory: toolPermissionSchema,
  helpdesk: z.boolean().describe('Helpdesk: triage, sign-in activity, unlock and temporary access codes (R-RST-5)'),
});
export type ToolPermissionsView = z.infer<typeof ToolPermissionsView>;

/** Permissions as a request gives them: `helpdesk` may be left out (a new user: no; a change: as it was). */
export const ToolPermissionsInput = z.strictObject({
  companyAdmin: toolPermissionSchema,
  directory: toolPermissionSchema,
  helpdesk: z.boolean({ error: 'helpdesk must be true or false.' }).optional(),
});
export type ToolPermissionsInput = z.output<typeof ToolPermissionsInput>;

/** A directory user, lean: one row of the list, the changed-since sync and the stale-user list. */
export const DirectoryUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: userStatusSchema,
  country: z.string(),
  timeZone: z.string(),
  accountType: accountTypeSchema,
  permissions: ToolPermissionsView,
  /** True when the email's domain is one of the company's SSO domains (R-DIR-2): their IdP runs their MFA. */
  sso: z.boolean(),
  /** Confirmed MFA methods; empty = not enrolled. */
  methods: z.array(methodKindSchema),
  enrolledAt: z.number().nullable(),
  lastSignInAt: z.number().nullable(),
  /** End of the current MFA lockout; null (or a past instant) = not locked. */
  lockedUntil: z.number().nullable(),
  /** When the user was added to the directory (a user who never signed in is stale counting from then, R-DIR-3). */
  createdAt: z.number(),
  /** The change sequence of the row's last change (sync cursor). */
  changeSeq: z.number(),
  /** R-DIR-5: when the password was set (null: none yet), the last invitation and when its link stops working. */
  passwordSetAt: z.number().nullable(),
  invitedAt: z.number().nullable(),
  invitationExpiresAt: z.number().nullable().describe('null once the invitation was used or revoked'),
});
export type DirectoryUser = z.infer<typeof DirectoryUser>;

/** One confirmed or pending method of a user, as an admin may see it (never a secret). */
export const MethodView = z.object({
  kind: methodKindSchema,
  /** `+1 ••• ••• 0123`-style masked number for SMS; null for the authenticator app. */
  phoneMasked: z.string().nullable(),
  confirmedAt: z.number().nullable(),
  createdAt: z.number(),
});
export type MethodView = z.infer<typeof MethodView>;

/** A directory user in full: the user detail panel. */
export const DirectoryUserDetail = DirectoryUser.extend({
  methodDetails: z.array(MethodView),
  hasRecoveryCode: z.boolean(),
  /** The temporary access code they can still use (R-RST-6): until when, and who issued it; else null. */
  accessCode: z.object({ expiresAt: z.number(), issuedByEmail: z.string() }).nullable(),
  failedAttempts: z.number(),
  /** True while `lockedUntil` is in the future (company time). */
  locked: z.boolean(),
  alwaysRequireMfa: z.boolean(),
  /** Sessions of this user that are signed in now. */
  activeSessions: z.number(),
  updatedAt: z.number(),
});
export type DirectoryUserDetail = z.infer<typeof DirectoryUserDetail>;

/** Who a caller should contact, when the operator cannot help (R-RST-2, R-RST-4). */
export const ContactView = z.object({
  who: z.enum(['company_admin', 'another_company_admin', 'it_department', 'payments_support']),
  /** Plain words, such as "Payments support" or "Your IT department (identity provider)". */
  label: z.string(),
});
export type ContactView = z.infer<typeof ContactView>;

/** Page size bounds of ordinary lists. */
export const PAGE_LIMIT = { default: 100, max: 1000 } as const;

/** `limit` query parameter of ordinary lists. */
export const pageLimit = z.coerce
  .number({ error: 'limit must be a number.' })
  .int({ error: 'limit must be a whole number.' })
  .min(1, { error: 'limit must be at least 1.' })
  .max(PAGE_LIMIT.max, { error: `limit must be at most ${PAGE_LIMIT.max}.` })
  .default(PAGE_LIMIT.default);

/** An opaque `cursor` query parameter (from the previous page's `nextCursor`). */
export const pageCursor = z.string().max(500).optional();
