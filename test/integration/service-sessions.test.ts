/**
 * R-AUTH-4 on both engines: every session has an absolute lifetime (the policy's, 12 hours by default; console
 * sessions 12 hours at most), and enforcement is checked again on each request, so a session opened before the
 * deadline without MFA meets it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_DEADLINE_DAYS } from '../../src-main/service/seed/demo-company';
import { testEngines } from '../fixtures/engines';
import { DAY, demo, enrollTotp, operatorToken, setPolicy, signInOk, withHarness } from '../fixtures/service-harness';

const HOUR = 3_600_000;
const SECURITY = '/api/v1/me/security';

describe.each(testEngines('sessions'))('session lifetime and enforcement on $name', (engine) => {
  afterAll(() => engine.dispose());

  it('ends every session 12 hours after sign-in by default, however active, and after a 10-year clock jump', async () => {
    await withHarness({ store: await engine.open() }, async (h) => {
      const { token } = await enrollTotp(h, demo('jordan.patel'));
      for (let hour = 1; hour < 12; hour += 1) {
        h.clock.advance(HOUR);
        expect((await h.call('GET', SECURITY, { token })).status).toBe(200);
      }
      h.clock.advance(HOUR);
      const ended = await h.call('GET', SECURITY, { token });
      expect(ended.status).toBe(401);
      expect(ended.body.error).toMatchObject({ message: 'You were signed in for 12 hours, the longest a session lasts. Sign in again.', details: { reason: 'session_lifetime' } });
      expect((await h.call('GET', SECURITY, { token })).status).toBe(401);

      const { token: other } = await enrollTotp(h, demo('casey.morgan'));
      h.clock.advance(10 * 365 * DAY);
      expect((await h.call('GET', SECURITY, { token: other })).status).toBe(401);
    });
  });

  it('follows the policy lifetime for end users, but keeps sessions of admin-tool users to 12 hours', async () => {
    await withHarness({ store: await engine.open() }, async (h) => {
      const admin = await operatorToken(h);
      const policy = (await h.call('GET', '/api/v1/admin/policy', { token: admin })).body;
      expect(policy.sessionLifetimeHours).toBe(12);
      const tooLong = await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: policy.version, sessionLifetimeHours: 721 } });
      expect(tooLong.body.error.details.fields.sessionLifetimeHours).toMatch(/1 to 720 hours/);
      expect((await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: policy.version, sessionLifetimeHours: 72 } })).status).toBe(200);

      const user = await enrollTotp(h, demo('aroha.ngata'));
      const operator = await enrollTotp(h, demo('harper.quinn'));
      h.clock.advance(12 * HOUR);
      expect((await h.call('GET', SECURITY, { token: user.token })).status).toBe(200);
      const console = await h.call('GET', SECURITY, { token: operator.token });
      expect([console.status, console.body.error.details.reason]).toEqual([401, 'session_lifetime']);
      h.clock.advance(60 * HOUR);
      expect((await h.call('GET', SECURITY, { token: user.token })).status).toBe(401);
    });
  });

  it('ends a session opened without MFA before the deadline once enforcement begins; a new sign-in must set up', async () => {
    await withHarness({ store: await engine.open() }, async (h) => {
      const email = demo('weiling.tan');
      h.clock.advance((DEMO_DEADLINE_DAYS - 1) * DAY);
      const { token, next } = await signInOk(h, email);
      expect(next.step).toBe('setup_optional');
      expect((await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} })).status).toBe(200);
      expect((await h.call('GET', SECURITY, { token })).status).toBe(200);
      await setPolicy(h, { session_lifetime_hours: 720 });
      h.clock.advance(2 * DAY);
      const after = await h.call('GET', SECURITY, { token });
      expect(after.status).toBe(401);
      expect(after.body.error).toMatchObject({ message: expect.stringMatching(/now requires two-factor authentication/), details: { reason: 'session_mfa_required' } });
      expect((await signInOk(h, email)).next.step).toBe('setup_required');
    });
  });
});
