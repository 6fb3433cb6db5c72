/**
 * Invitation and email channels (R-DIR-5): add a user (and invite them), invite many with progress (the renderer
 * sends the selection in parts), revoke, a user's mail, the mail log with retries, and the console's mail server.
 */
import { z } from 'zod';
import { INVITE_BATCH_MAX, inviteValidDays, type InviteOutcome, type MailDelivery, type MailLogEntry, type MailTransportView } from '../../api/routes/admin-invitations';
import { ToolPermissionsInput } from '../../api/routes/admin-common';
import { accountTypeSchema, countryCodeSchema, timeZoneSchema } from '../../domain/model';
import { channel } from '../define';
import { directoryFilterSchema, type DirectoryUserDetail } from './directory';

export type { InviteOutcome, MailDelivery, MailLogEntry };

const id = z.string().min(1).max(100);

/** The add-user form. */
export const newUserSchema = z.strictObject({
  email: z.email({ error: 'Enter a valid email address, such as name@company.com.' }).max(254, { error: 'That email is too long.' }),
  name: z.string().trim().min(1, { error: 'Enter the person’s name.' }).max(200, { error: 'Keep the name under 200 characters.' }),
  country: countryCodeSchema,
  timeZone: timeZoneSchema,
  accountType: accountTypeSchema.default('standard'),
  /** Permissions on the admin tools and Helpdesk; none when left out (giving any needs Admin on both tools). */
  permissions: ToolPermissionsInput.optional(),
  /** Send the invitation email right away. */
  invite: z.boolean().default(true),
  validDays: inviteValidDays,
});

/** Where the console's mail goes and what went wrong lately. */
export interface MailStatus {
  transport: MailTransportView;
  failed: number;
  pending: number;
  /** Pending and failed messages, newest first. */
  problems: MailLogEntry[];
}

/** The mail server setting as Settings shows it: editable for the embedded service, read-only for a remote one. */
export interface MailServerSettings {
  editable: boolean;
  /** smtp(s)://user@host:port, never with the password. */
  smtpUrl: string | null;
  /** True when a password for this login is in the secret store. */
  hasPassword: boolean;
  /** Where a remote service's mail is configured, in words (null in embedded mode). */
  remoteNote: string | null;
}

export const invitationChannels = {
  'invitations:create-user': channel(newUserSchema)<{ user: DirectoryUserDetail; invitation: InviteOutcome | null }>(),
  'invitations:invite': channel(
    z.strictObject({
      ids: z.array(id).min(1, { error: 'Pick at least one user.' }).max(INVITE_BATCH_MAX, { error: `Send at most ${INVITE_BATCH_MAX} users per call.` }),
      validDays: inviteValidDays,
    }),
  )<{ results: InviteOutcome[] }>(),
  'invitations:revoke': channel(z.strictObject({ id }))<DirectoryUserDetail>(),
  /** The ids of every user matching the filters ("select all"), in table order. */
  'invitations:matching-ids': channel(directoryFilterSchema)<{ ids: string[] }>(),
  'invitations:user-mail': channel(z.strictObject({ id }))<MailLogEntry[]>(),
  'mail:status': channel(z.strictObject({}))<MailStatus>(),
  'mail:retry': channel(z.strictObject({ id }))<MailDelivery>(),
  'mail:test': channel(z.strictObject({ to: z.email({ error: 'Enter the address to send the test to.' }).max(254) }))<MailDelivery>(),
  'mail:server': channel(z.strictObject({}))<MailServerSettings>(),
  'mail:server-set': channel(
    z.strictObject({
      smtpUrl: z.string().trim().max(2048, { error: 'That address is too long.' }).nullable(),
      /** A new password; null keeps the stored one. */
      password: z.string().max(1024, { error: 'That password is too long.' }).nullable(),
    }),
  )<MailServerSettings>(),
};
