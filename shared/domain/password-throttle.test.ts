import { describe, expect, it } from 'vitest';
import {
  PASSWORD_MAX_DELAY_MS,
  PASSWORD_THROTTLE_MEMORY_MS,
  countPasswordTry,
  passwordDelayMs,
  passwordThrottledMessage,
  passwordWaitMs,
  type PasswordThrottle,
} from './password-throttle';

const T0 = Date.UTC(2026, 5, 1, 9);

describe('per-account password throttle (R-AUTH-2)', () => {
  it('lets the first few wrong passwords through, then doubles the wait up to 15 minutes', () => {
    expect([1, 4, 5, 6, 7, 14].map(passwordDelayMs)).toEqual([0, 0, 1000, 2000, 4000, 512_000]);
    expect(passwordDelayMs(15)).toBe(PASSWORD_MAX_DELAY_MS);
    expect(passwordDelayMs(1000)).toBe(PASSWORD_MAX_DELAY_MS);
  });

  it('counts each try and blocks until its wait is over', () => {
    let state: PasswordThrottle | null = null;
    for (let i = 0; i < 5; i += 1) state = countPasswordTry(state, T0);
    expect(state).toEqual({ failures: 5, blockedUntil: T0 + 1000, lastFailureAt: T0 });
    expect(passwordWaitMs(state, T0 + 400)).toBe(600);
    expect(passwordWaitMs(state, T0 + 1000)).toBe(0);
  });

  it('forgets a throttle after a quiet day', () => {
    const state = { failures: 20, blockedUntil: T0 + PASSWORD_MAX_DELAY_MS, lastFailureAt: T0 };
    expect(passwordWaitMs(state, T0 + PASSWORD_THROTTLE_MEMORY_MS)).toBe(0);
    expect(countPasswordTry(state, T0 + PASSWORD_THROTTLE_MEMORY_MS).failures).toBe(1);
  });

  it('says how long to wait in seconds or minutes', () => {
    expect(passwordThrottledMessage(1)).toMatch(/Wait 1 second,/);
    expect(passwordThrottledMessage(8000)).toMatch(/Wait 8 seconds/);
    expect(passwordThrottledMessage(PASSWORD_MAX_DELAY_MS)).toMatch(/Wait 15 minutes/);
  });
});
