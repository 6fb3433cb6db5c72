import { describe, it, expect } from 'vitest';
import { ConsoleError } from '../../ipc/console-error';
import { offsetFor } from './demo-clock';

const REAL = Date.UTC(2026, 5, 1, 12, 0, 0);
const DEADLINE = Date.UTC(2026, 6, 16, 4, 0, 0);
const clock = (offsetMs: number) => ({ offsetMs, realNow: REAL, companyNow: REAL + offsetMs });

describe('simulated clock moves', () => {
  it('puts the company one hour past enforcement for "after the deadline"', () => {
    expect(REAL + offsetFor({ to: 'after_deadline' }, clock(0), DEADLINE)).toBe(DEADLINE + 3_600_000);
  });

  it('returns to real time for "before the deadline" when real time is already before it', () => {
    expect(offsetFor({ to: 'before_deadline' }, clock(50 * 86_400_000), DEADLINE)).toBe(0);
  });

  it('goes to a day before enforcement when real time is already past it', () => {
    const past = REAL - 10 * 3_600_000;
    expect(REAL + offsetFor({ to: 'before_deadline' }, clock(0), past)).toBe(past - 86_400_000);
  });

  it('moves forward from the current offset, for idle limits and lockouts', () => {
    expect(offsetFor({ to: 'forward', minutes: 31 }, clock(60_000), DEADLINE)).toBe(60_000 + 31 * 60_000);
  });

  it('says plainly that there is no deadline to move around', () => {
    expect(() => offsetFor({ to: 'after_deadline' }, clock(0), null)).toThrow(ConsoleError);
    expect(offsetFor({ to: 'real_time' }, clock(12345), null)).toBe(0);
  });
});
