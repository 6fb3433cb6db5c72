/**
 * Password & Security (R-AUTH-3): a signed-in user manages their own MFA. Changes to an enrolled account need a
 * recent verification (`meVerify`, or the sign-in challenge itself) within `verificationValidMinutes`; adding an
 * authenticator app or a phone needs the current password typed again (`myPasswordConfirm`), as the guide says;
 * changing the phone needs a code sent to the current number first (R-SMS-2). Every change of method issues a new
 * recovery code (R-REC-2).
 */
import { z } from 'zod';
import { defineRoute, Empty } from '../define';
import { CodeInput, MethodCode, MethodKind, MethodOption, PhoneInput, RecoveryCodeIssued, SmsSent, TotpSetup } from './mfa-common';

/** The "Always require 2FA" toggle: locked on by the company or payments rules, hidden for SSO, else editable. */
export const AlwaysRequireState = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('locked_on'), reason: z.enum(['company_policy', 'payments_user']) }),
  z.object({ kind: z.literal('not_applicable') }),
  z.object({ kind: z.literal('editable'), on: z.boolean() }),
]);

/** The Password & Security page. */
export const MySecurity = z.object({
  email: z.string(),
  name: z.string(),
  accountType: z.enum(['standard', 'payments_payor', 'payments_payee_admin']),
  methods: z.array(
    z.object({ kind: MethodKind, label: z.string(), phoneMasked: z.string().nullable(), confirmedAt: z.number() }),
  ),
  /** What may be set up (or replaced), with reasons for what may not. */
  methodOptions: z.array(MethodOption),
  hasRecoveryCode: z.boolean(),
  alwaysRequire: AlwaysRequireState,
  /** Until when changes need no new verification; null = verify first. */
  verifiedUntil: z.number().nullable(),
  /** Until when a phone change needs no new code to the current number; null = send one first. */
  phoneVerifiedUntil: z.number().nullable(),
  /** Until when adding a method needs no new password confirmation; null = type the current password first. */
  passwordConfirmedUntil: z.number().nullable(),
  verificationValidMinutes: z.number().int(),
});
export type MySecurity = z.infer<typeof MySecurity>;

export const Verified = z.object({ verifiedUntil: z.number(), method: MethodKind });

/** The current password, typed again before adding a method. */
export const PasswordConfirmBody = z.strictObject({
  password: z.string({ error: 'Type your current password.' }).min(1, { error: 'Type your current password.' }).max(1024, { error: 'That password is too long.' }),
});

const CODE_ERRORS = ['bad_request', 'conflict', 'unprocessable', 'mfa_locked', 'rate_limited'] as const;

export const selfServiceRoutes = {
  mySecurity: defineRoute({
    method: 'GET',
    path: '/api/v1/me/security',
    summary: 'Password & Security: my methods, recovery code state and the "Always require 2FA" toggle',
    tag: 'self-service',
    auth: 'session',
    response: MySecurity,
    errors: [],
  }),
  myVerifySms: defineRoute({
    method: 'POST',
    path: '/api/v1/me/verify/sms',
    summary: 'Sends a verification code to my current phone (also the first step of changing it)',
    tag: 'self-service',
    auth: 'session',
    body: Empty,
    response: SmsSent,
    errors: ['conflict', 'mfa_locked', 'rate_limited'],
  }),
  myVerify: defineRoute({
    method: 'POST',
    path: '/api/v1/me/verify',
    summary: 'Verifies me with one of my methods, so I can change my MFA for a few minutes',
    tag: 'self-service',
    auth: 'session',
    body: MethodCode,
    response: Verified,
    errors: [...CODE_ERRORS],
  }),
  myPasswordConfirm: defineRoute({
    method: 'POST',
    path: '/api/v1/me/password/confirm',
    summary: 'Confirms my current password, so I can add an authenticator app or a phone for a few minutes',
    tag: 'self-service',
    auth: 'session',
    body: PasswordConfirmBody,
    response: z.object({ passwordConfirmedUntil: z.number() }),
    errors: ['unprocessable', 'rate_limited'],
  }),
  myTotpStart: defineRoute({
    method: 'POST',
    path: '/api/v1/me/authenticator',
    summary: 'Adds (after my current password) or replaces my authenticator app (one only): a new secret to scan',
    tag: 'self-service',
    auth: 'session',
    body: Empty,
    response: TotpSetup,
    errors: ['forbidden'],
  }),
  myTotpConfirm: defineRoute({
    method: 'POST',
    path: '/api/v1/me/authenticator/confirm',
    summary: 'Confirms the new authenticator (replacing the old one) and issues a new recovery code',
    tag: 'self-service',
    auth: 'session',
    body: z.strictObject({ code: CodeInput }),
    response: RecoveryCodeIssued,
    errors: [...CODE_ERRORS, 'forbidden'],
  }),
  myPhoneStart: defineRoute({
    method: 'POST',
    path: '/api/v1/me/phone',
    summary: 'Adds (after my current password) or changes (after a code to the current one) my phone: checks the number and sends it a code',
    tag: 'self-service',
    auth: 'session',
    body: PhoneInput,
    response: SmsSent,
    errors: ['bad_request', 'forbidden', 'unprocessable', 'rate_limited'],
  }),
  myPhoneResend: defineRoute({
    method: 'POST',
    path: '/api/v1/me/phone/resend',
    summary: 'Sends a new code to the number being added (the old code stops working); throttled',
    tag: 'self-service',
    auth: 'session',
    body: Empty,
    response: SmsSent,
    errors: ['conflict', 'rate_limited'],
  }),
  myPhoneConfirm: defineRoute({
    method: 'POST',
    path: '/api/v1/me/phone/confirm',
    summary: 'Confirms the new phone with its code and issues a new recovery code',
    tag: 'self-service',
    auth: 'session',
    body: z.strictObject({ code: CodeInput }),
    response: RecoveryCodeIssued,
    errors: [...CODE_ERRORS, 'forbidden'],
  }),
  myRecoveryCodeRenew: defineRoute({
    method: 'POST',
    path: '/api/v1/me/recovery-code',
    summary: 'A new recovery code after a recent verification; the previous one stops working',
    tag: 'self-service',
    auth: 'session',
    body: Empty,
    response: RecoveryCodeIssued,
    errors: ['forbidden', 'conflict'],
  }),
  myAlwaysRequire: defineRoute({
    method: 'PUT',
    path: '/api/v1/me/always-require',
    summary: '"Always require 2FA to log into my account" on or off (only when the company does not require MFA)',
    tag: 'self-service',
    auth: 'session',
    body: z.strictObject({ on: z.boolean({ error: 'Say on (true) or off (false).' }) }),
    response: z.object({ alwaysRequire: AlwaysRequireState }),
    errors: ['forbidden', 'conflict'],
  }),
};
