/** Per-IP rate limits on sign-in and code routes, and none in the embedded configuration. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src-main/service/app';
import { DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { demo, startHarness, type Harness } from '../fixtures/service-harness';

describe('rate limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      mfa: { rateLimits: { signIn: { max: 3, timeWindow: 60_000 }, codes: { max: 5, timeWindow: 60_000 } } },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('slows password guessing from one address without touching others', async () => {
    const body = { email: demo('jordan.patel'), password: 'guess' };
    for (let i = 0; i < 3; i += 1) expect((await h.call('POST', '/api/v1/auth/sign-in', { body, ip: '10.0.0.1' })).status).toBe(401);
    const limited = await h.call('POST', '/api/v1/auth/sign-in', { body: { ...body, password: DEMO_PASSWORD }, ip: '10.0.0.1' });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^Too many attempts from your network\. Wait (1 minute|\d+ seconds) and try again\.$/) });
    expect((await h.call('POST', '/api/v1/auth/sign-in', { body, ip: '10.0.0.2' })).status).toBe(401);
  });

  it('limits code routes per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await h.call('POST', '/api/v1/auth/challenge', { token: 'x'.repeat(43), body: { method: 'totp', code: '123456' }, ip: '10.0.0.3' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('does not limit the embedded configuration (every call comes from this process)', async () => {
    const app = await buildApp({ store: h.store, clock: h.clock, version: 'test', checkResponses: true, mfa: { keys: h.keys, rateLimits: 'off' } });
    try {
      for (let i = 0; i < 70; i += 1) {
        const reply = await app.inject({ method: 'POST', url: '/api/v1/auth/challenge', payload: { method: 'totp', code: '123456' } });
        expect(reply.statusCode).toBe(401);
      }
    } finally {
      await app.close();
    }
  });
});
