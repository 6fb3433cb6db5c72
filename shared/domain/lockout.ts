/**
 * R-AUTH-2: consecutive wrong MFA codes (any method) lock the account's MFA, longer each time, and at most 100 in a
 * row (NIST SP 800-63B) lock it until an admin unlocks it. Every `lockoutThreshold`-th failure in a row locks for
 * `lockoutMinutes`, doubled for each lock before it; only a correct code (or an admin's unlock or reset) clears the
 * count. Resending a code never does, and a lock running out does not either: waiting buys time, not more guesses.
 */
import type { DomainPolicy } from './policy';

/** NIST SP 800-63B: an account allows at most 100 consecutive failed attempts. */
export const MAX_CONSECUTIVE_FAILURES = 100;
/**
 * The stored lock end of a lock only an admin can lift: 9999-12-31T23:59:59.999Z, which no clock reaches, so every
 * "locked while now < lockedUntil" check holds. Show it as "until an admin unlocks it" (`lockEnd`), never as a date.
 */
export const UNTIL_ADMIN_UNLOCKS = 253_402_300_799_999;
/** A timed lock stops doubling at 30 days. */
export const MAX_LOCK_MINUTES = 30 * 24 * 60;

/** The lock fields of a user (`failed_attempts`, `locked_until`). */
export interface LockState {
  readonly failedAttempts: number;
  readonly lockedUntil: number | null;
}

/** The policy settings the lock uses. */
export type LockPolicy = Pick<DomainPolicy, 'lockoutThreshold' | 'lockoutMinutes'>;

/** How a lock in force ends: at an instant, or when an admin unlocks it. */
export type LockEnd = { readonly kind: 'at'; readonly at: number } | { readonly kind: 'admin_unlock' };

/** Outcome of a wrong code. `locked` is the attempt that just locked the account (audit it, R-AUTH-2). */
export type FailureOutcome =
  | { readonly kind: 'counted'; readonly state: LockState; readonly attemptsLeft: number }
  | { readonly kind: 'locked'; readonly state: LockState; readonly lockedUntil: number; readonly end: LockEnd }
  | { readonly kind: 'already_locked'; readonly state: LockState; readonly lockedUntil: number };

/** The state with no failures. */
export const UNLOCKED: LockState = { failedAttempts: 0, lockedUntil: null };

/** True while the lock is in force at `now` (a timed lock ends at `lockedUntil` exactly). */
export function isLocked(state: LockState, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/** How the lock in force at `now` ends, or null when there is none. */
export function lockEnd(state: LockState, now: number): LockEnd | null {
  if (!isLocked(state, now) || state.lockedUntil === null) return null;
  return isUntilAdminUnlocks(state.lockedUntil) ? { kind: 'admin_unlock' } : { kind: 'at', at: state.lockedUntil };
}

/** True for a stored lock end that means "until an admin unlocks it" (show words, not a date). */
export function isUntilAdminUnlocks(lockedUntil: number | null): boolean {
  return lockedUntil !== null && lockedUntil >= UNTIL_ADMIN_UNLOCKS;
}

/**
 * How a lock only an unlock ends is said, to the user and to the helpdesk alike; `unlocker` names who can unlock it
 * for the reader ("your company admin", "Payments support": see `mfaContact`).
 */
export function adminLockWords(unlocker: string): string {
  return `Verification is locked after ${MAX_CONSECUTIVE_FAILURES} wrong codes in a row. It does not unlock by itself: it stays locked until ${unlocker} unlocks it.`;
}

/** Minutes the `lockNumber`-th lock in a row lasts (1 = the first): doubled each time, at most 30 days. */
export function lockMinutes(lockNumber: number, policy: LockPolicy): number {
  return Math.min(MAX_LOCK_MINUTES, policy.lockoutMinutes * 2 ** Math.max(0, Math.min(lockNumber - 1, 30)));
}

/** Wrong codes allowed before the next lock (0 while locked). */
export function attemptsLeft(state: LockState, policy: LockPolicy, now: number): number {
  if (isLocked(state, now)) return 0;
  return untilNextLock(state.failedAttempts, policy);
}

function untilNextLock(failedAttempts: number, policy: LockPolicy): number {
  const toThreshold = policy.lockoutThreshold - (failedAttempts % policy.lockoutThreshold);
  return Math.max(0, Math.min(toThreshold, MAX_CONSECUTIVE_FAILURES - failedAttempts));
}

/** Count a wrong or expired code at `now`: every threshold-th one in a row locks, the 100th until an admin unlocks. */
export function registerFailure(state: LockState, policy: LockPolicy, now: number): FailureOutcome {
  if (isLocked(state, now) && state.lockedUntil !== null) {
    return { kind: 'already_locked', state, lockedUntil: state.lockedUntil };
  }
  const failedAttempts = state.failedAttempts + 1;
  if (failedAttempts >= MAX_CONSECUTIVE_FAILURES) {
    return { kind: 'locked', state: { failedAttempts, lockedUntil: UNTIL_ADMIN_UNLOCKS }, lockedUntil: UNTIL_ADMIN_UNLOCKS, end: { kind: 'admin_unlock' } };
  }
  if (failedAttempts % policy.lockoutThreshold === 0) {
    const lockedUntil = now + lockMinutes(failedAttempts / policy.lockoutThreshold, policy) * 60_000;
    return { kind: 'locked', state: { failedAttempts, lockedUntil }, lockedUntil, end: { kind: 'at', at: lockedUntil } };
  }
  return { kind: 'counted', state: { failedAttempts, lockedUntil: null }, attemptsLeft: untilNextLock(failedAttempts, policy) };
}

/** A correct code: the count starts over. Never call this for a resend. */
export function registerSuccess(): LockState {
  return UNLOCKED;
}

/**
 * The most wrong codes an attacker who knows the password can try on one account within `windowMs` from a clean
 * start, trying whenever the account is not locked. The figure the lock rules are judged by (goal: at most 50 a day
 * with the default policy).
 */
export function maxGuessesWithin(policy: LockPolicy, windowMs: number): number {
  let state: LockState = UNLOCKED;
  let now = 0;
  let guesses = 0;
  while (now < windowMs) {
    const outcome = registerFailure(state, policy, now);
    guesses += 1;
    state = outcome.state;
    if (outcome.kind !== 'locked') continue;
    if (outcome.end.kind === 'admin_unlock') break;
    now = outcome.end.at;
  }
  return guesses;
}
