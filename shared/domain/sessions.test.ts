import { describe, it, expect } from 'vitest';
import { paymentsStepUp, sessionIdleExpired } from './sessions';

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
