/**
 * Schemas shared by the end-user routes (sign-in, self-service, payments): methods, codes, the set-up screens'
 * payloads and the recovery code. Times are epoch milliseconds on the company's clock (simulated in demos).
 */
import { z } from 'zod';

/** A second-factor method: authenticator app (TOTP) or text message. */
export const MethodKind = z.enum(['totp', 'sms']);
export type MethodKind = z.infer<typeof MethodKind>;

/** A way to answer a challenge: one of the user's methods, their recovery code, or a temporary access code (R-RST-6). */
export const ChallengeOption = z.enum(['totp', 'sms', 'recovery_code', 'temporary_access_code']);
export type ChallengeOption = z.infer<typeof ChallengeOption>;

/** One method on "Select an Authentication Method": offered, or not with the reason in plain words. */
export const MethodOption = z.discriminatedUnion('available', [
  z.object({ kind: MethodKind, label: z.string(), available: z.literal(true), recommended: z.boolean() }),
  z.object({
    kind: MethodKind,
    label: z.string(),
    available: z.literal(false),
    reason: z.enum(['sms_not_allowed_by_policy', 'payor_app_only', 'payee_admin_us_only', 'country_not_on_sms_list']),
    message: z.string(),
  }),
]);
export type MethodOption = z.infer<typeof MethodOption>;

/**
 * A code as typed: 6 digits for the app and SMS, 32 characters for a recovery code, 16 for a temporary access code
 * (dashes and spaces ignored).
 */
export const CodeInput = z
  .string({ error: 'Enter the code.' })
  .min(1, { error: 'Enter the code.' })
  .max(64, { error: 'That code is far too long. Check it and type it again.' });

/** The body of a code check with one of the user's methods. */
export const MethodCode = z.strictObject({ method: MethodKind, code: CodeInput });

/** Authenticator set-up: scan the QR code, or type the secret ("Trouble scanning?"). */
export const TotpSetup = z.object({
  issuer: z.string(),
  accountName: z.string().describe('The email the app lists the account under'),
  secret: z.string().describe('Base32, no padding (32 characters)'),
  secretGrouped: z.string().describe('The secret in groups of four, for manual entry'),
  keyUri: z.string().describe('otpauth://totp/ISSUER:EMAIL?secret=…&issuer=…'),
  qrPng: z.string().describe('The key URI as a QR code: a data:image/png;base64 URL'),
});
export type TotpSetup = z.infer<typeof TotpSetup>;

/** An SMS code was sent. The number is shown masked except its last digits. */
export const SmsSent = z.object({
  phoneMasked: z.string(),
  expiresAt: z.number().describe('When this code stops working'),
  resendAvailableAt: z.number().describe('Earliest time "Resend" is accepted'),
  codeLifetimeMinutes: z.number().int(),
});
export type SmsSent = z.infer<typeof SmsSent>;

/** A new recovery code: shown once, never again (only a salted hash is kept). */
export const RecoveryCodeIssued = z.object({
  recoveryCode: z.string().describe('32 characters in groups of four joined by dashes; shown only now'),
  issuedAt: z.number(),
});
export type RecoveryCodeIssued = z.infer<typeof RecoveryCodeIssued>;

/** Body of a phone number entry. */
export const PhoneInput = z.strictObject({
  phone: z
    .string({ error: 'Enter a mobile number.' })
    .min(1, { error: 'Enter a mobile number.' })
    .max(40, { error: 'That phone number is too long. Type it with the country code, for example +1 415 555 2671.' }),
});
