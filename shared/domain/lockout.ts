/**
 * R-AUTH-2: consecutive wrong MFA codes (any method) lock the account's MFA for a while.
 * Only a correct code (or an admin reset) clears the count; resending a code never does, so resends cannot be used
 * to get more guesses. When a lock expires the count starts over.
 */
import type { DomainPolicy } from './policy';

/** The lock fields of a user (`failed_attempts`, `locked_until`). */
export interface LockState {
  readonly failedAttempts: number;
  readonly lockedUntil: number | null;
}

/** The policy settings the lock uses. */
export type LockPolicy = Pick<DomainPolicy, 'lockoutThreshold' | 'lockoutMinutes'>;

/** Outcome of a wrong code. `locked` is the attempt that just locked the account (audit it, R-AUTH-2). */
export type FailureOutcome =
  | { readonly kind: 'counted'; readonly state: LockState; readonly attemptsLeft: number }
  | { readonly kind: 'locked'; readonly state: LockState; readonly lockedUntil: number }
  | { readonly kind: 'already_locked'; readonly state: LockState; readonly lockedUntil: number };

/** The state with no failures. */
export const UNLOCKED: LockState = { failedAttempts: 0, lockedUntil: null };

/** True while the lock is in force at `now` (the lock ends at `lockedUntil` exactly). */
export function isLocked(state: LockState, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/** The state as it stands at `now`: an expired lock is gone and its count starts over. */
export function currentLockState(state: LockState, now: number): LockState {
  if (state.lockedUntil !== null && now >= state.lockedUntil) return UNLOCKED;
  return state;
}

/** How many more wrong codes are allowed before the lock (0 while locked). */
export function attemptsLeft(state: LockState, policy: LockPolicy, now: number): number {
  if (isLocked(state, now)) return 0;
  return Math.max(0, policy.lockoutThreshold - currentLockState(state, now).failedAttempts);
}

/** Count a wrong or expired code at `now`; the threshold-th consecutive one locks for `lockoutMinutes`. */
export function registerFailure(state: LockState, policy: LockPolicy, now: number): FailureOutcome {
  if (isLocked(state, now) && state.lockedUntil !== null) {
    return { kind: 'already_locked', state, lockedUntil: state.lockedUntil };
  }
  const failedAttempts = currentLockState(state, now).failedAttempts + 1;
  if (failedAttempts >= policy.lockoutThreshold) {
    const lockedUntil = now + policy.lockoutMinutes * 60_000;
    return { kind: 'locked', state: { failedAttempts, lockedUntil }, lockedUntil };
  }
  return {
    kind: 'counted',
    state: { failedAttempts, lockedUntil: null },
    attemptsLeft: policy.lockoutThreshold - failedAttempts,
  };
}

/** A correct code: the count starts over. Never call this for a resend. */
export function registerSuccess(): LockState {
  return UNLOCKED;
}
