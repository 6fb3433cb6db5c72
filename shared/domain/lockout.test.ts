import { describe, it, expect } from 'vitest';
import { UNLOCKED, attemptsLeft, currentLockState, isLocked, registerFailure, registerSuccess } from './lockout';
import type { LockState } from './lockout';

const policy = { lockoutThreshold: 5, lockoutMinutes: 15 };
const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

function failTimes(times: number, start: LockState = UNLOCKED, at = T0): LockState {
  let state = start;
  for (let i = 0; i < times; i += 1) state = registerFailure(state, policy, at + i * 1000).state;
  return state;
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
    expect(attemptsLeft(outcome.state, policy, T0 + 10_000)).toBe(0);
  });

  it('does not extend a lock while it is in force', () => {
    const locked = failTimes(5);
    const outcome = registerFailure(locked, policy, T0 + 60_000);
    expect(outcome).toEqual({ kind: 'already_locked', state: locked, lockedUntil: locked.lockedUntil });
  });

  it('ends the lock at the unlock time exactly and starts the count over', () => {
    const locked = failTimes(5);
    const until = locked.lockedUntil ?? 0;
    expect(isLocked(locked, until - 1)).toBe(true);
    expect(isLocked(locked, until)).toBe(false);
    expect(currentLockState(locked, until)).toEqual(UNLOCKED);
    expect(attemptsLeft(locked, policy, until)).toBe(5);
    expect(registerFailure(locked, policy, until)).toEqual({
      kind: 'counted',
      state: { failedAttempts: 1, lockedUntil: null },
      attemptsLeft: 4,
    });
  });

  it('starts over after a correct code', () => {
    expect(registerSuccess()).toEqual({ failedAttempts: 0, lockedUntil: null });
    const afterSuccess = failTimes(4, registerSuccess());
    expect(afterSuccess.lockedUntil).toBeNull();
  });

  it('uses the configured threshold and duration', () => {
    const strict = { lockoutThreshold: 1, lockoutMinutes: 60 };
    expect(registerFailure(UNLOCKED, strict, T0)).toMatchObject({ kind: 'locked', lockedUntil: T0 + 3_600_000 });
    const lenient = { lockoutThreshold: 100, lockoutMinutes: 1 };
    let state: LockState = UNLOCKED;
    for (let i = 0; i < 99; i += 1) state = registerFailure(state, lenient, T0).state;
    expect(isLocked(state, T0)).toBe(false);
    expect(registerFailure(state, lenient, T0).kind).toBe('locked');
  });
});
