import { describe, it, expect } from 'vitest';
import { paymentsStepUp, sessionIdleExpired, signedInSessionEnd } from './sessions';

const NOW = Date.UTC(2026, 5, 1, 12);
const MIN = 60_000;

describe('session idle timeout (R-POL-7)', () => {
  it('never expires sessions when the timeout is none (the default)', () => {
    expect(sessionIdleExpired(NOW - 365 * 24 * 60 * MIN, { sessionIdleMinutes: null }, NOW)).toBe(false);
  });

  it('expires a session idle for the configured minutes', () => {
    expect(sessionIdleExpired(NOW - 30 * MIN + 1, { sessionIdleMinutes: 30 }, NOW)).toBe(false);
    expect(sessionIdleExpired(NOW - 30 * MIN, { sessionIdleMinutes: 30 }, NOW)).toBe(true);
  });
});

describe('session end, checked on every request (R-AUTH-4)', () => {
  const HOUR = 60 * MIN;
  const policy = { sessionIdleMinutes: null, sessionLifetimeHours: 12 };
  const base = { createdAt: NOW, lastSeenAt: NOW, policy, operator: false, mustSetUpMfa: false };

  it('ends every session after its absolute lifetime, however active', () => {
    expect(signedInSessionEnd({ ...base, lastSeenAt: NOW + 12 * HOUR - 1, now: NOW + 12 * HOUR - 1 })).toBeNull();
    expect(signedInSessionEnd({ ...base, lastSeenAt: NOW + 12 * HOUR - 1, now: NOW + 12 * HOUR })).toMatchObject({ reason: 'lifetime', message: expect.stringMatching(/12 hours/) });
    expect(signedInSessionEnd({ ...base, now: NOW + 10 * 365 * 24 * HOUR })?.reason).toBe('lifetime');
  });

  it('follows the policy for end users, and caps console sessions at 12 hours', () => {
    const long = { ...base, policy: { sessionIdleMinutes: null, sessionLifetimeHours: 72 } };
    expect(signedInSessionEnd({ ...long, now: NOW + 24 * HOUR })).toBeNull();
    expect(signedInSessionEnd({ ...long, operator: true, now: NOW + 12 * HOUR })?.reason).toBe('lifetime');
    const short = { ...base, policy: { sessionIdleMinutes: null, sessionLifetimeHours: 1 }, operator: true };
    expect(signedInSessionEnd({ ...short, now: NOW + HOUR })?.message).toMatch(/for 1 hour,/);
  });

  it('ends a session opened without MFA once MFA is required, and an idle one', () => {
    expect(signedInSessionEnd({ ...base, mustSetUpMfa: true, now: NOW + MIN })?.reason).toBe('mfa_required');
    expect(signedInSessionEnd({ ...base, policy: { ...policy, sessionIdleMinutes: 30 }, now: NOW + 30 * MIN })?.reason).toBe('idle');
  });
});

describe('Payments step-up challenges (R-PAY-2)', () => {
  it('challenges on entering Payments and for every sensitive action, however recent the last one', () => {
    expect(paymentsStepUp('enter_payments', NOW, NOW)).toMatchObject({ needed: true, reason: 'entering_payments' });
    for (const action of ['disbursement', 'bank_account', 'agreement'] as const) {
      expect(paymentsStepUp(action, NOW - 1000, NOW)).toMatchObject({ needed: true, reason: 'sensitive_action' });
    }
  });

  it('challenges other activity only after 30 minutes idle in the tool', () => {
    expect(paymentsStepUp('payments_activity', NOW - 29 * MIN, NOW)).toEqual({ needed: false });
    const idle = paymentsStepUp('payments_activity', NOW - 30 * MIN, NOW);
    expect(idle).toMatchObject({ needed: true, reason: 'payments_idle' });
    expect(idle.needed && idle.message).toMatch(/idle for 30 minutes/);
    expect(paymentsStepUp('payments_activity', null, NOW)).toMatchObject({ needed: true, reason: 'payments_idle' });
  });
});
