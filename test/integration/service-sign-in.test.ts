import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../shared/domain/totp';
import { DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { DAY, demo, enrollTotp, signInOk, startHarness, type Harness } from '../fixtures/service-harness';

describe('sign-in (R-AUTH-1)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('gives an unknown email and a wrong password the same answer', async () => {
    const unknown = await h.call('POST', '/api/v1/auth/sign-in', { body: { email: demo('nobody'), password: DEMO_PASSWORD } });
    const wrong = await h.call('POST', '/api/v1/auth/sign-in', { body: { email: demo('jordan.patel'), password: 'wrong-password' } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('offers early enrollment before the deadline, and enrolls with the app', async () => {
    const { next } = await signInOk(h, demo('jordan.patel'));
    expect(next.step).toBe('setup_optional');
    const { secret, recoveryCode } = await enrollTotp(h, demo('jordan.patel'));
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(recoveryCode).toMatch(/^([2-9A-HJ-NP-Z]{4}-){7}[2-9A-HJ-NP-Z]{4}$/);
    h.clock.advance(60_000);
    const again = await signInOk(h, demo('jordan.patel'));
    expect(again.next).toEqual({ step: 'challenge', options: ['totp', 'recovery_code'], phoneMasked: null });
    const verify = await h.call('POST', '/api/v1/auth/challenge', { token: again.token, body: { method: 'totp', code: totpCode(secret, h.clock.now()) } });
    expect(verify.body).toEqual({ step: 'signed_in' });
  });

  it('requires set-up after the deadline', async () => {
    h.clock.advance(46 * DAY);
    const { next } = await signInOk(h, demo('jordan.patel'));
    expect(next.step).toBe('setup_required');
  });
});
