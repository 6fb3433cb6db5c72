/**
 * Session rules: every session's absolute lifetime (R-AUTH-4: 12 hours by default, console sessions 12 hours at
 * most), the company idle timeout (R-POL-7, default none), enforcement met by sessions opened before it, and the
 * Payments step-up challenges (R-PAY-2): a payments user passes MFA on entering the Payments tool, for each
 * sensitive action, and after 30 minutes idle in the tool.
 */
import { assertNever } from './assert-never';
import type { DomainPolicy } from './policy';

/** Minutes idle in the Payments tool after which a new challenge is needed. */
export const PAYMENTS_IDLE_MINUTES = 30;

/** Sessions of people with admin-tool permissions (the console's) end after this many hours at most. */
export const CONSOLE_SESSION_MAX_HOURS = 12;

/** Why a signed-in session ends now. */
export interface SessionEnd {
  readonly reason: 'lifetime' | 'idle' | 'mfa_required';
  readonly message: string;
}

/** Hours a session lasts: the policy's lifetime, capped at 12 for people with admin-tool permissions. */
export function sessionLifetimeHours(policy: Pick<DomainPolicy, 'sessionLifetimeHours'>, operator: boolean): number {
  return operator ? Math.min(policy.sessionLifetimeHours, CONSOLE_SESSION_MAX_HOURS) : policy.sessionLifetimeHours;
}

/**
 * Whether a signed-in session must end at `now`, checked on every request: past its absolute lifetime, idle past
 * the timeout, or opened without MFA by someone who must now set it up (the deadline passed since, R-AUTH-4).
 */
export function signedInSessionEnd(input: {
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly policy: Pick<DomainPolicy, 'sessionIdleMinutes' | 'sessionLifetimeHours'>;
  readonly operator: boolean;
  /** MFA is required for the user now and they have no method. */
  readonly mustSetUpMfa: boolean;
  readonly now: number;
}): SessionEnd | null {
  const hours = sessionLifetimeHours(input.policy, input.operator);
  if (input.now - input.createdAt >= hours * 3_600_000) {
    return { reason: 'lifetime', message: `You were signed in for ${hours === 1 ? '1 hour' : `${hours} hours`}, the longest a session lasts. Sign in again.` };
  }
  if (sessionIdleExpired(input.lastSeenAt, input.policy, input.now)) {
    return { reason: 'idle', message: `You were signed out after ${input.policy.sessionIdleMinutes} minutes without activity. Sign in again.` };
  }
  if (input.mustSetUpMfa) {
    return { reason: 'mfa_required', message: 'Your company now requires two-factor authentication. Sign in again to set it up.' };
  }
  return null;
}

/** True when a session last seen at `lastSeenAt` has expired from inactivity at `now` (never when the timeout is null). */
export function sessionIdleExpired(
  lastSeenAt: number,
  policy: Pick<DomainPolicy, 'sessionIdleMinutes'>,
  now: number,
): boolean {
  if (policy.sessionIdleMinutes === null) return false;
  return now - lastSeenAt >= policy.sessionIdleMinutes * 60_000;
}

/**
 * What a payments user is doing: entering the tool, one of the sensitive actions (creating or submitting a
 * disbursement; adding, editing or deactivating a bank account; reviewing or accepting an agreement), or any other
 * activity inside the tool.
 */
export type PaymentsEvent = 'enter_payments' | 'disbursement' | 'bank_account' | 'agreement' | 'payments_activity';

/** Whether a challenge is needed first, and why. */
export type StepUp =
  | { readonly needed: false }
  | { readonly needed: true; readonly reason: 'entering_payments' | 'sensitive_action' | 'payments_idle'; readonly message: string };

/** Decide whether `event` needs an MFA challenge, given the last activity in the Payments tool (null: none yet). */
export function paymentsStepUp(event: PaymentsEvent, paymentsSeenAt: number | null, now: number): StepUp {
  switch (event) {
    case 'enter_payments':
      return {
        needed: true,
        reason: 'entering_payments',
        message: 'Verify it is you to open Payments.',
      };
    case 'disbursement':
    case 'bank_account':
    case 'agreement':
      return {
        needed: true,
        reason: 'sensitive_action',
        message: 'Verify it is you to continue: this Payments action always needs a fresh code.',
      };
    case 'payments_activity':
      if (paymentsSeenAt === null || now - paymentsSeenAt >= PAYMENTS_IDLE_MINUTES * 60_000) {
        return {
          needed: true,
          reason: 'payments_idle',
          message: `Payments was idle for ${PAYMENTS_IDLE_MINUTES} minutes or more. Verify it is you to continue.`,
        };
      }
      return { needed: false };
    default:
      return assertNever(event, 'payments event');
  }
}
