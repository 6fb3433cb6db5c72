/**
 * R-LOG-1 sign-in activity, as Okta's System Log, Duo's authentication log and Entra's sign-in logs keep it: every
 * attempt at a step of the sign-in (the password, a code, set-up) with when, the email as typed, the user when known,
 * the outcome, the method, the client address and the user agent — never a password, code or token. It is kept
 * apart from the audit chain, for the policy's retention (default 90 days). The outcomes, their words and what
 * counts as a failure live here, so the service, its CSV export and the console's screens say the same.
 */
import { z } from 'zod';

/** Outcomes that moved the sign-in on. */
const MOVED_ON = ['signed_in', 'code_asked', 'setup_required', 'setup_offered', 'setup_skipped', 'sso_redirect'] as const;
/** Outcomes where the attempt failed (shown as failures). */
const FAILED = ['wrong_password', 'throttled', 'inactive', 'no_admin_access', 'wrong_code', 'expired_code', 'replayed_code', 'locked', 'no_method'] as const;

/** Every outcome an attempt can have: those that moved the sign-in on, then the failures. */
export const SIGN_IN_OUTCOMES = [...MOVED_ON, ...FAILED] as const;
/** An outcome of an attempt. */
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];
/** The outcome, validated. */
export const signInOutcomeSchema = z.enum(SIGN_IN_OUTCOMES, { error: 'Pick an outcome from the list.' });

/** What the console calls each outcome. */
export const SIGN_IN_OUTCOME_LABELS: Readonly<Record<SignInOutcome, string>> = {
  signed_in: 'Signed in',
  code_asked: 'Password right, code asked',
  setup_required: 'Set-up required',
  setup_offered: 'Set-up offered',
  setup_skipped: 'Set-up skipped',
  sso_redirect: 'Sent to the identity provider (SSO)',
  wrong_password: 'Wrong email or password',
  throttled: 'Throttled: too many wrong passwords',
  inactive: 'Inactive account',
  no_admin_access: 'No admin-tool access',
  wrong_code: 'Wrong code',
  expired_code: 'Expired code',
  replayed_code: 'Code already used',
  locked: 'Locked',
  no_method: 'No usable way to verify',
};

const FAILURES: ReadonlySet<SignInOutcome> = new Set(FAILED);

/** True when the attempt failed. */
export function isFailedSignIn(outcome: SignInOutcome): boolean {
  return FAILURES.has(outcome);
}

/** How the person tried: the password step, one of their methods, the recovery code or a temporary access code. */
export const SIGN_IN_METHODS = ['password', 'totp', 'sms', 'recovery_code', 'temporary_access_code'] as const;
/** A method of an attempt. */
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];
/** The method, validated. */
export const signInMethodSchema = z.enum(SIGN_IN_METHODS, { error: 'Pick a method from the list.' });

/** What the console calls each method. */
export const SIGN_IN_METHOD_LABELS: Readonly<Record<SignInMethod, string>> = {
  password: 'Password',
  totp: 'Authenticator app',
  sms: 'Text message (SMS)',
  recovery_code: 'Recovery code',
  temporary_access_code: 'Temporary access code',
};

/** Longest email kept as typed, and longest user agent (longer ones are cut, with "…"). */
export const SIGN_IN_TEXT_LIMITS = { email: 320, userAgent: 400, detail: 500 } as const;

/** Keeps recorded free text within `max` characters: control characters become spaces, the rest is cut with "…". */
export function recordedText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced here
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

/** Attempts older than this instant are removed, for a retention of `days` counted back from `now`. */
export function retentionCutoff(now: number, days: number): number {
  return now - days * 86_400_000;
}

/** The user agent of the console's simulated phone (R-CON-2), so its sign-ins read as the simulator's in the activity. */
export const SIMULATOR_USER_AGENT = 'MFA-Admin-Console-Simulator/1 (simulated phone)';
