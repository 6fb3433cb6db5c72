/** Settings channels: which MFA service the console uses (embedded or remote) and who it acts as. */
import { z } from 'zod';
import type { ToolPermission } from '../../domain/model';
import type { ChallengeOption } from '../../domain/sign-in';
import { isValidEmail } from '../../domain/email';
import { channel } from '../define';

/** A demo operator the embedded console can act as: their permissions on the two tools, and Helpdesk (R-RST-5). */
export interface EmbeddedOperator {
  email: string;
  name: string;
  companyAdmin: ToolPermission;
  directory: ToolPermission;
  helpdesk: boolean;
}

/** Everything the Settings screen shows. */
export interface ConsoleSettings {
  mode: 'embedded' | 'remote';
  /** The signed-in operator the console acts as (as last confirmed, while the service cannot be reached). */
  operator: EmbeddedOperator | null;
  /**
   * How the console knows the operator: `confirmed` by the service just now; `remembered` from its last answer (it
   * cannot be reached now); `session_ended`: the service no longer knows the session (sign in again); `unknown`.
   */
  operatorStatus: 'confirmed' | 'remembered' | 'session_ended' | 'unknown';
  /** When the service last confirmed the operator (epoch ms), or null. */
  operatorConfirmedAt: number | null;
  embedded: { dataFolder: string; operators: EmbeddedOperator[] };
  remote: { url: string | null; email: string | null };
  secrets: { kind: 'keychain' | 'file' | 'memory'; location: string; warning: string | null };
}

/** Where a remote sign-in stands, as the console's sign-in dialog shows it (it always ends with passed MFA: no skip). */
export type RemoteSignInStep =
  | { step: 'challenge'; options: ChallengeOption[]; phoneMasked: string | null }
  | { step: 'setup_required'; canUseApp: boolean; message: string }
  | { step: 'totp_setup'; qrPng: string; secretGrouped: string; accountName: string }
  | { step: 'save_recovery_code'; recoveryCode: string }
  | { step: 'connected'; settings: ConsoleSettings };

const url = z
  .string({ error: 'Enter the service address.' })
  .trim()
  .min(1, { error: 'Enter the service address, for example https://mfa.example.com.' })
  .max(2048, { error: 'That address is too long.' });
const code = z.string({ error: 'Enter the code.' }).trim().min(1, { error: 'Enter the code.' }).max(64, { error: 'That code is too long.' });

export const settingsChannels = {
  'settings:get': channel(z.strictObject({}))<ConsoleSettings>(),
  'settings:act-as': channel(z.strictObject({ email: z.string().refine(isValidEmail, { error: 'Pick an operator from the list.' }) }))<ConsoleSettings>(),
  'settings:use-embedded': channel(z.strictObject({}))<ConsoleSettings>(),
  'settings:remote-sign-out': channel(z.strictObject({}))<ConsoleSettings>(),
  'settings:remote-begin': channel(
    z.strictObject({
      url,
      email: z.string({ error: 'Enter your email.' }).trim().min(1, { error: 'Enter your email.' }).max(320),
      password: z.string({ error: 'Enter your password.' }).min(1, { error: 'Enter your password.' }).max(1024),
    }),
  )<RemoteSignInStep>(),
  'settings:remote-send-sms': channel(z.strictObject({}))<{ phoneMasked: string; expiresAt: number }>(),
  'settings:remote-verify': channel(z.strictObject({ method: z.enum(['totp', 'sms', 'recovery_code', 'temporary_access_code']), code }))<RemoteSignInStep>(),
  'settings:remote-setup-app': channel(z.strictObject({}))<RemoteSignInStep>(),
  'settings:remote-confirm-app': channel(z.strictObject({ code }))<RemoteSignInStep>(),
  'settings:remote-acknowledge': channel(
    z.strictObject({ saved: z.literal(true, { error: 'Tick "I have securely saved this code" to go on.' }) }),
  )<RemoteSignInStep>(),
  'settings:remote-cancel': channel(z.strictObject({}))<{ cancelled: boolean }>(),
};
