/**
 * End-user sign-in (R-AUTH-1): password, then set-up or challenge, then the recovery code, then signed in.
 * The token from `signIn` carries the whole sign-in: its session moves setup → recovery_ack → active, or
 * challenge → active (or challenge → recovery_ack → active after a recovery code). Routes that need a stage
 * answer 409 `conflict` in any other stage, with `details.stage`.
 */
import { z } from 'zod';
import { defineRoute, Empty } from '../define';
import {
  ChallengeOption,
  CodeInput,
  MethodOption,
  PhoneInput,
  RecoveryCodeIssued,
  SmsSent,
  TotpSetup,
} from './mfa-common';

/** What the user sees next. */
export const SignInNext = z.discriminatedUnion('step', [
  z.object({ step: z.literal('sso'), message: z.string().describe('Continue at your identity provider') }),
  z.object({ step: z.literal('challenge'), options: z.array(ChallengeOption), phoneMasked: z.string().nullable() }),
  z.object({
    step: z.literal('setup_required'),
    reason: z.enum(['company_policy', 'payments_user', 'user_opted_in', 'admin_console', 'temporary_access_code']),
    methods: z.array(MethodOption),
  }),
  z.object({ step: z.literal('setup_optional'), enforcementAt: z.number(), methods: z.array(MethodOption) }),
  z.object({ step: z.literal('save_recovery_code') }),
  z.object({ step: z.literal('signed_in') }),
]);
export type SignInNext = z.infer<typeof SignInNext>;

/** Who is signing in. */
export const SignInUser = z.object({ id: z.string(), email: z.string(), name: z.string() });

/** Answer to email + password: no token for SSO users (they continue at their identity provider). */
export const SignInResponse = z.object({ token: z.string().nullable(), user: SignInUser.nullable(), next: SignInNext });
export type SignInResponse = z.infer<typeof SignInResponse>;

/** Where the sign-in stands (to resume a screen). */
export const SignInStatus = z.object({ user: SignInUser, next: SignInNext });

/**
 * After a correct challenge: signed in, or (a recovery code was used) save the new one first (R-REC-2), or (a
 * temporary access code was used) set up a new method at once, with no skip (R-RST-6).
 */
export const ChallengePassed = z.discriminatedUnion('step', [
  z.object({ step: z.literal('signed_in') }),
  z.object({ step: z.literal('save_recovery_code'), recoveryCode: z.string(), issuedAt: z.number() }),
  z.object({ step: z.literal('setup_required'), reason: z.literal('temporary_access_code'), methods: z.array(MethodOption) }),
]);

const CODE_ERRORS = ['bad_request', 'conflict', 'unprocessable', 'mfa_locked', 'rate_limited'] as const;

export const authRoutes = {
  signIn: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/sign-in',
    summary:
      'Email and password. Unknown email and wrong password get the same 401; an inactive account (right password) 403; a locked MFA 423 with details.lockedUntil',
    tag: 'sign-in',
    auth: 'none',
    body: z.strictObject({
      email: z.string({ error: 'Enter your email.' }).min(1, { error: 'Enter your email.' }).max(320, { error: 'That email is too long.' }),
      password: z.string({ error: 'Enter your password.' }).min(1, { error: 'Enter your password.' }).max(1024, { error: 'That password is too long.' }),
      purpose: z
        .enum(['app', 'admin_console'], { error: 'purpose must be app or admin_console.' })
        .default('app')
        .describe('admin_console: only admin-tool users, and the sign-in always ends with a passed MFA challenge (set-up if needed, no skip)'),
    }),
    response: SignInResponse,
    errors: ['invalid_credentials', 'forbidden', 'mfa_locked', 'rate_limited'],
  }),
  signInStatus: defineRoute({
    method: 'GET',
    path: '/api/v1/auth/sign-in',
    summary: 'Where an unfinished sign-in stands',
    tag: 'sign-in',
    auth: 'sign_in',
    response: SignInStatus,
    errors: ['conflict'],
  }),
  signOut: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/sign-out',
    summary: 'Ends the session of the bearer token, at any stage (no error if it already ended)',
    tag: 'sign-in',
    auth: 'none',
    response: z.object({ signedOut: z.boolean() }),
    errors: [],
  }),
  setupSkip: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/setup/skip',
    summary: 'Early enrollment period only: skip set-up for now and sign in',
    tag: 'sign-in',
    auth: 'sign_in',
    body: Empty,
    response: z.object({ step: z.literal('signed_in') }),
    errors: ['conflict', 'forbidden'],
  }),
  setupTotpStart: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/setup/totp',
    summary: 'Starts authenticator set-up: a new secret as QR code and text (again: a new secret)',
    tag: 'sign-in',
    auth: 'sign_in',
    body: Empty,
    response: TotpSetup,
    errors: ['conflict'],
  }),
  setupTotpConfirm: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/setup/totp/confirm',
    summary: 'Confirms the authenticator with a code from it; answers the recovery code to save',
    tag: 'sign-in',
    auth: 'sign_in',
    body: z.strictObject({ code: CodeInput }),
    response: RecoveryCodeIssued,
    errors: [...CODE_ERRORS],
  }),
  setupSmsStart: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/setup/sms',
    summary: 'Starts text-message set-up: checks the number (country rules) and sends a code',
    tag: 'sign-in',
    auth: 'sign_in',
    body: PhoneInput,
    response: SmsSent,
    errors: ['bad_request', 'conflict', 'forbidden', 'unprocessable', 'rate_limited'],
  }),
  setupSmsResend: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/setup/sms/resend',
    summary: 'Sends a new set-up code (the old one stops working); throttled',
    tag: 'sign-in',
    auth: 'sign_in',
    body: Empty,
    response: SmsSent,
    errors: ['conflict', 'rate_limited'],
  }),
  setupSmsConfirm: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/setup/sms/confirm',
    summary: 'Confirms the phone with the code it received; answers the recovery code to save',
    tag: 'sign-in',
    auth: 'sign_in',
    body: z.strictObject({ code: CodeInput }),
    response: RecoveryCodeIssued,
    errors: [...CODE_ERRORS],
  }),
  recoveryCodeAcknowledge: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/recovery-code/acknowledge',
    summary: '"I have securely saved this code": finishes the sign-in',
    tag: 'sign-in',
    auth: 'sign_in',
    body: z.strictObject({
      saved: z.literal(true, { error: 'Tick "I have securely saved this code" to go on.' }),
    }),
    response: z.object({ step: z.literal('signed_in') }),
    errors: ['conflict'],
  }),
  recoveryCodeReissue: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/recovery-code/reissue',
    summary: 'Lost the code before saving it: a new one replaces it (only before acknowledging)',
    tag: 'sign-in',
    auth: 'sign_in',
    body: Empty,
    response: RecoveryCodeIssued,
    errors: ['conflict'],
  }),
  challengeSmsSend: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/challenge/sms',
    summary: 'Sends (or resends) a sign-in code to the phone on file; throttled, never resets the failure count',
    tag: 'sign-in',
    auth: 'sign_in',
    body: Empty,
    response: SmsSent,
    errors: ['conflict', 'forbidden', 'mfa_locked', 'rate_limited'],
  }),
  challengeVerify: defineRoute({
    method: 'POST',
    path: '/api/v1/auth/challenge',
    summary:
      'Answers "How do you want to verify your identity?" with an app code, SMS code, recovery code, or a temporary access code (which leads to set-up)',
    tag: 'sign-in',
    auth: 'sign_in',
    body: z.strictObject({ method: ChallengeOption, code: CodeInput }),
    response: ChallengePassed,
    errors: [...CODE_ERRORS, 'forbidden'],
  }),
};
