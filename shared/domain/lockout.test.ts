import { describe, it, expect } from 'vitest';
import {
  MAX_CONSECUTIVE_FAILURES,
  UNLOCKED,
  UNTIL_ADMIN_UNLOCKS,
  attemptsLeft,
  isLocked,
  lockEnd,
  lockMinutes,
  maxGuessesWithin,
  registerFailure,
  registerSuccess,
} from './lockout';
import type { LockState } from './lockout';

const policy = { lockoutThreshold: 5, lockoutMinutes: 15 };
const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);
const DAY = 86_400_000;

function failTimes(times: number, start: LockState = UNLOCKED, at = T0): LockState {
  let state = start;
  for (let i = 0; i < times; i += 1) state = registerFailure(state, policy, at + i * 1000).state;
  return state;
}

/** Fails whenever not locked, waiting out each lock, until `failures` wrong codes were counted. */
function failThroughLocks(failures: number, rules = policy): { state: LockState; now: number } {
  let state: LockState = UNLOCKED;
  let now = T0;
  for (let i = 0; i < failures; i += 1) {
    const outcome = registerFailure(state, rules, now);
    state = outcome.state;
    if (outcome.kind === 'locked' && outcome.end.kind === 'at') now = outcome.end.at;
  }
  return { state, now };
}

describe('MFA lockout (R-AUTH-2)', () => {
  it('counts wrong codes and says how many are left', () => {
    const outcome = registerFailure(failTimes(2), policy, T0 + 5000);
    expect(outcome).toEqual({ kind: 'counted', state: { failedAttempts: 3, lockedUntil: null }, attemptsLeft: 2 });
  });

  it('locks on the fifth consecutive failure for fifteen minutes', () => {
    const outcome = registerFailure(failTimes(4), policy, T0 + 10_000);
    expect(outcome.kind).toBe('locked');
    expect(outcome.state).toEqual({ failedAttempts: 5, lockedUntil: T0 + 10_000 + 15 * 60_000 });
    expect(isLocked(outcome.state, T0 + 10_000)).toBe(true);
    expect(lockEnd(outcome.state, T0 + 10_000)).toEqual({ kind: 'at', at: T0 + 10_000 + 15 * 60_000 });
    expect(attemptsLeft(outcome.state, policy, T0 + 10_000)).toBe(0);
  });

  it('does not extend a lock while it is in force', () => {
    const locked = failTimes(5);
    const outcome = registerFailure(locked, policy, T0 + 60_000);
    expect(outcome).toEqual({ kind: 'already_locked', state: locked, lockedUntil: locked.lockedUntil });
  });

  it('ends the lock at the unlock time exactly, but keeps the count: the next lock comes after five more', () => {
    const locked = failTimes(5);
    const until = locked.lockedUntil ?? 0;
    expect(isLocked(locked, until - 1)).toBe(true);
    expect(isLocked(locked, until)).toBe(false);
    expect(lockEnd(locked, until)).toBeNull();
    expect(attemptsLeft(locked, policy, until)).toBe(5);
    expect(registerFailure(locked, policy, until)).toEqual({ kind: 'counted', state: { failedAttempts: 6, lockedUntil: null }, attemptsLeft: 4 });
  });

  it('doubles each lock in a row: 15, 30, 60 minutes…', () => {
    expect([1, 2, 3, 4].map((n) => lockMinutes(n, policy))).toEqual([15, 30, 60, 120]);
    const nine = failThroughLocks(9);
    const second = registerFailure(nine.state, policy, nine.now);
    expect(lockEnd(second.state, nine.now)).toEqual({ kind: 'at', at: nine.now + 30 * 60_000 });
    expect(lockMinutes(40, policy)).toBe(30 * 24 * 60);
  });

  it('locks until an admin unlocks after 100 failures in a row, whatever the threshold', () => {
    const { state, now } = failThroughLocks(MAX_CONSECUTIVE_FAILURES);
    expect(state).toEqual({ failedAttempts: 100, lockedUntil: UNTIL_ADMIN_UNLOCKS });
    expect(lockEnd(state, now + 365 * DAY)).toEqual({ kind: 'admin_unlock' });
    const lenient = { lockoutThreshold: 100, lockoutMinutes: 1 };
    const last = registerFailure(failThroughLocks(99, lenient).state, lenient, T0);
    expect(last).toMatchObject({ kind: 'locked', end: { kind: 'admin_unlock' } });
    const seven = { lockoutThreshold: 7, lockoutMinutes: 1 };
    expect(attemptsLeft(failThroughLocks(98, seven).state, seven, T0 + 100 * DAY)).toBe(2);
  });

  it('starts over only after a correct code', () => {
    expect(registerSuccess()).toEqual({ failedAttempts: 0, lockedUntil: null });
    const afterSuccess = failTimes(4, registerSuccess());
    expect(afterSuccess.lockedUntil).toBeNull();
  });

  it('uses the configured threshold and duration', () => {
    const strict = { lockoutThreshold: 1, lockoutMinutes: 60 };
    expect(registerFailure(UNLOCKED, strict, T0)).toMatchObject({ kind: 'locked', lockedUntil: T0 + 3_600_000 });
  });

  it('allows at most 50 guesses a day with the default policy (35), where a reset count gave 480', () => {
    expect(maxGuessesWithin(policy, DAY)).toBe(35);
    expect(maxGuessesWithin({ lockoutThreshold: 1, lockoutMinutes: 1 }, DAY)).toBeLessThanOrEqual(MAX_CONSECUTIVE_FAILURES);
    expect(maxGuessesWithin(policy, 365 * DAY)).toBe(MAX_CONSECUTIVE_FAILURES);
  });
});
