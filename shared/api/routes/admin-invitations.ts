/**
 * Admin API of R-DIR-5: invite directory users (one or many), revoke an invitation, and the mail the service sent —
 * delivered, waiting for a retry or failed, with the reason — so admins see when email does not get through.
 * Inviting needs Standard or Admin on Directory.
 */
import { z } from 'zod';
import { INVITATION_VALID_DAYS } from '../../domain/account-access';
import { Empty, defineRoute } from '../define';
import { DirectoryUserDetail } from './admin-common';
import { UserCreateBody } from './admin-directory';

/** Most users one invite request takes (the console sends bigger selections in parts, with progress). */
export const INVITE_BATCH_MAX = 200;

/** How a message's delivery stands. */
export const MailDelivery = z.object({
  messageId: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'cancelled']),
  /** `smtp`, or `outbox` (the demo company's simulated Mail app). */
  transport: z.string().nullable(),
  attempts: z.number(),
  /** The last failure: the server and the reason, never a password. */
  error: z.string().nullable(),
  nextAttemptAt: z.number().nullable().describe('Real time of the next automatic try, while pending'),
});
export type MailDelivery = z.infer<typeof MailDelivery>;

/** What happened for one user of an invite request. */
export const InviteOutcome = z.object({
  userId: z.string(),
  email: z.string().nullable(),
  outcome: z.enum(['invited', 'sso_notified', 'skipped']),
  /** Plain words: what was sent, or why the user was skipped. */
  message: z.string(),
  reason: z.enum(['not_found', 'inactive', 'has_password']).nullable(),
  expiresAt: z.number().nullable(),
  delivery: MailDelivery.nullable(),
});
export type InviteOutcome = z.infer<typeof InviteOutcome>;

/** How many days an invitation link works (the API's and the console's forms). */
export const inviteValidDays = z
  .number({ error: 'Say how many days the link works.' })
  .int({ error: 'Give whole days.' })
  .min(INVITATION_VALID_DAYS.min, { error: `The link must work at least ${INVITATION_VALID_DAYS.min} day.` })
  .max(INVITATION_VALID_DAYS.max, { error: `The link can work at most ${INVITATION_VALID_DAYS.max} days.` })
  .default(INVITATION_VALID_DAYS.default);

/** An invite request: who, and how long the links work. */
export const InviteBody = z.strictObject({
  userIds: z
    .array(z.string().min(1).max(100))
    .min(1, { error: 'Pick at least one user to invite.' })
    .max(INVITE_BATCH_MAX, { error: `Invite at most ${INVITE_BATCH_MAX} users per request.` }),
  validDays: inviteValidDays,
});
export type InviteBody = z.input<typeof InviteBody>;

/** A new user to add and invite in one request. */
export const UserCreateInviteBody = UserCreateBody.extend({ validDays: inviteValidDays });
export type UserCreateInviteBody = z.input<typeof UserCreateInviteBody>;

/** One sent (or queued) message, as admins see it: never its contents. */
export const MailLogEntry = z.object({
  id: z.string(),
  kind: z.enum(['invitation', 'password_reset', 'sso_notice', 'password_changed', 'test']),
  to: z.string(),
  subject: z.string(),
  userId: z.string().nullable(),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
  delivery: MailDelivery,
});
export type MailLogEntry = z.infer<typeof MailLogEntry>;

/** Where the service's mail goes. */
export const MailTransportView = z.object({
  kind: z.enum(['smtp', 'outbox', 'none']),
  /** "smtp.example.com:587 as mailer@…", the demo outbox, or what to configure. */
  description: z.string(),
  from: z.string().nullable(),
});
export type MailTransportView = z.infer<typeof MailTransportView>;

export const adminInvitationRoutes = {
  adminUserCreateInvite: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/with-invitation',
    summary:
      'Add a user and invite them in one request, so a connection lost on the way cannot leave them added but not invited; 409 when the email is taken',
    tag: 'admin-directory',
    auth: 'operator',
    body: UserCreateInviteBody,
    response: z.object({ user: DirectoryUserDetail, invitation: InviteOutcome }),
    errors: ['forbidden', 'conflict'],
  }),
  adminUsersInvite: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/invite',
    summary: 'Email each user a one-time link to set their password (SSO users: a note sending them to their identity provider); a new invitation replaces the old one',
    tag: 'admin-directory',
    auth: 'operator',
    body: InviteBody,
    response: z.object({ results: z.array(InviteOutcome) }),
    errors: ['forbidden'],
  }),
  adminUserInvitationRevoke: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/:id/invitation/revoke',
    summary: 'Stops the user’s invitation link from working (the email may still arrive, but the link is refused)',
    tag: 'admin-directory',
    auth: 'operator',
    params: z.strictObject({ id: z.string().min(1).max(100) }),
    body: Empty,
    response: z.object({ revoked: z.boolean() }),
    errors: ['forbidden', 'not_found'],
  }),
  adminMail: defineRoute({
    method: 'GET',
    path: '/api/v1/admin/mail',
    summary: 'Where mail goes and the latest messages with their delivery (newest first); `problems` lists only pending and failed ones',
    tag: 'admin-mail',
    auth: 'operator',
    query: z.strictObject({
      problems: z.enum(['true', 'false']).optional(),
      userId: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: z.object({ transport: MailTransportView, failed: z.number(), pending: z.number(), messages: z.array(MailLogEntry) }),
    errors: ['forbidden'],
  }),
  adminMailRetry: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/mail/:id/retry',
    summary: 'Tries a pending or failed message again now',
    tag: 'admin-mail',
    auth: 'operator',
    params: z.strictObject({ id: z.string().min(1).max(100) }),
    body: Empty,
    response: MailDelivery,
    errors: ['forbidden', 'not_found', 'conflict'],
  }),
  adminMailTest: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/mail/test',
    summary: 'Sends a test message to an address through the configured mail server and says what happened',
    tag: 'admin-mail',
    auth: 'operator',
    body: z.strictObject({ to: z.email({ error: 'Enter the address to send the test to.' }).max(254) }),
    response: MailDelivery,
    errors: ['forbidden'],
  }),
};
