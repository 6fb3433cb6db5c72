/**
 * Admin API: the company directory (R-DIR-1..3): list with search and filters, one user, create/update,
 * deactivate/reactivate, unlock, the changed-since sync the console caches the whole directory with, and stale users.
 * Reading needs any admin-tool access; writing needs `standard` or `admin` on Directory; changing someone's
 * permissions needs `admin` on both tools.
 */
import { z } from 'zod';
import { emailSchema } from '../../domain/email';
import { ENROLLMENT_STATES } from '../../domain/enrollment-report';
import { accountTypeSchema, countryCodeSchema, timeZoneSchema, userStatusSchema } from '../../domain/model';
import { Empty, defineRoute } from '../define';
import { DirectoryUser, DirectoryUserDetail, ToolPermissionsInput, pageCursor, pageLimit } from './admin-common';

/** Largest page of the changed-since sync. */
export const SYNC_LIMIT = { default: 5000, max: 10_000 } as const;
/** Most users one bulk deactivation takes. */
export const BULK_DEACTIVATE_MAX = 10_000;

const nameSchema = z
  .string({ error: 'Name is missing.' })
  .trim()
  .min(1, { error: 'Enter the person’s name.' })
  .max(200, { error: 'Keep the name under 200 characters.' });

/** Filters of the directory list: search by name or email, and exact filters. */
export const DirectoryListQuery = z.strictObject({
  q: z.string().max(200).optional().describe('Words found in the name or email (case-insensitive)'),
  status: userStatusSchema.optional(),
  enrollment: z
    .enum([...ENROLLMENT_STATES, 'enrolled'])
    .optional()
    .describe('A dashboard state (R-RPT-1: not_enrolled = active, not SSO, not payments, no method), or enrolled = any enrolled state'),
  accountType: accountTypeSchema.optional(),
  country: z.string().max(2).optional(),
  timeZone: z.string().max(64).optional(),
  cursor: pageCursor,
  limit: pageLimit,
});
export type DirectoryListQuery = z.input<typeof DirectoryListQuery>;

/** A new directory user. */
export const UserCreateBody = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  country: countryCodeSchema,
  timeZone: timeZoneSchema,
  accountType: accountTypeSchema.default('standard'),
  status: userStatusSchema.default('active'),
  permissions: ToolPermissionsInput.optional().describe('Default: none on both tools, no Helpdesk'),
});
export type UserCreateBody = z.input<typeof UserCreateBody>;

/** Changes to a directory user (status has its own routes). */
export const UserUpdateBody = z.strictObject({
  /** When given, the update is refused with 409 if the user changed since (the console's cached changeSeq). */
  expectedChangeSeq: z.number().int().optional(),
  email: emailSchema.optional(),
  name: nameSchema.optional(),
  country: countryCodeSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  accountType: accountTypeSchema.optional(),
  permissions: ToolPermissionsInput.optional().describe('Helpdesk left out: unchanged'),
});
export type UserUpdateBody = z.input<typeof UserUpdateBody>;

const userIdParams = z.strictObject({ id: z.string().min(1).max(100) });

/** Why a user of a bulk deactivation was left alone. */
export const BulkSkip = z.object({
  id: z.string(),
  email: z.string().nullable(),
  reason: z.enum(['not_found', 'already_inactive', 'own_account', 'operator_lacks_permission']),
  message: z.string(),
});
export type BulkSkip = z.infer<typeof BulkSkip>;

/** Directory routes: list, sync, stale users, bulk deactivation, one user, create/update, status, unlock. */
export const adminDirectoryRoutes = {
  adminUsersList: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/users',
    summary: 'Directory users by name, with search, filters and cursor paging',
    tag: 'admin-directory',
    auth: 'operator',
    query: DirectoryListQuery,
    response: z.object({ users: z.array(DirectoryUser), total: z.number(), nextCursor: z.string().nullable() }),
    errors: ['forbidden'],
  }),
  adminUsersChanges: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/users/changes',
    summary: 'Users changed after a change sequence, oldest change first (the console cache sync)',
    tag: 'admin-directory',
    auth: 'operator',
    query: z.strictObject({
      since: z.coerce.number().int().min(0).default(0).describe('The cursor of the previous page; 0 for everything'),
      limit: z.coerce.number().int().min(1).max(SYNC_LIMIT.max).default(SYNC_LIMIT.default),
    }),
    response: z.object({
      users: z.array(DirectoryUser),
      /** Ask again with `since = cursor`; when `hasMore` is false the cache is up to date as of `cursor`. */
      cursor: z.number(),
      hasMore: z.boolean(),
    }),
    errors: ['forbidden'],
  }),
  adminUsersStale: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/users/stale',
    summary: 'Active users with no sign-in for N days, counted from when they were added if they never signed in (R-DIR-3); N defaults to the policy',
    tag: 'admin-directory',
    auth: 'operator',
    query: z.strictObject({
      days: z.coerce.number().int().min(1).max(3650).optional(),
      cursor: pageCursor,
      limit: z.coerce.number().int().min(1).max(BULK_DEACTIVATE_MAX).default(1000),
    }),
    response: z.object({
      days: z.number(),
      /** Users inactive since this instant or earlier (last sign-in, else when they were added) are stale. */
      cutoff: z.number(),
      total: z.number(),
      users: z.array(DirectoryUser),
      nextCursor: z.string().nullable(),
    }),
    errors: ['forbidden'],
  }),
  adminUsersBulkDeactivate: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/bulk-deactivate',
    summary: 'Mark many users inactive in one transaction (one audit entry per user); ends their sessions',
    tag: 'admin-directory',
    auth: 'operator',
    body: z.strictObject({
      userIds: z
        .array(z.string().min(1).max(100))
        .min(1, { error: 'Pick at least one user to deactivate.' })
        .max(BULK_DEACTIVATE_MAX, { error: `Deactivate at most ${BULK_DEACTIVATE_MAX} users at once.` }),
    }),
    response: z.object({ deactivated: z.number(), skipped: z.array(BulkSkip), sessionsEnded: z.number() }),
    errors: ['forbidden'],
  }),
  adminUserGet: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/users/:id',
    summary: 'One user: methods, enrollment date, lockout, last sign-in',
    tag: 'admin-directory',
    auth: 'operator',
    params: userIdParams,
    response: DirectoryUserDetail,
    errors: ['forbidden', 'not_found'],
  }),
  adminUserCreate: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users',
    summary: 'Add a user to the directory; 409 when the email is taken',
    tag: 'admin-directory',
    auth: 'operator',
    body: UserCreateBody,
    response: DirectoryUserDetail,
    errors: ['forbidden', 'conflict'],
  }),
  adminUserUpdate: defineRoute({
    method: 'PATCH',
    path: '/api/v1/admin/users/:id',
    summary: 'Change a user’s details or permissions; 409 when the email is taken or the user changed since',
    tag: 'admin-directory',
    auth: 'operator',
    params: userIdParams,
    body: UserUpdateBody,
    response: DirectoryUserDetail,
    errors: ['forbidden', 'not_found', 'conflict'],
  }),
  adminUserDeactivate: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/:id/deactivate',
    summary: 'Mark a user inactive (cannot sign in, not required to enroll); ends their sessions',
    tag: 'admin-directory',
    auth: 'operator',
    params: userIdParams,
    body: Empty,
    response: DirectoryUserDetail,
    errors: ['forbidden', 'not_found', 'unprocessable'],
  }),
  adminUserReactivate: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/:id/reactivate',
    summary: 'Mark a user active again',
    tag: 'admin-directory',
    auth: 'operator',
    params: userIdParams,
    body: Empty,
    response: DirectoryUserDetail,
    errors: ['forbidden', 'not_found'],
  }),
  adminUserUnlock: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/:id/unlock',
    summary: 'End a user’s MFA lockout and clear the failure count (admin on both tools)',
    tag: 'admin-directory',
    auth: 'operator',
    params: userIdParams,
    body: Empty,
    response: DirectoryUserDetail,
    errors: ['forbidden', 'not_found', 'unprocessable'],
  }),
};
