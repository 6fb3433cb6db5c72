/**
 * Per-IP rate limits on sign-in and code routes, and none in the embedded configuration. Behind a reverse proxy the
 * client address comes from X-Forwarded-For only when the proxy is trusted (`--trust-proxy`), and only from it.
 */
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
    expect(limited.body.error).toEqual({
      code: 'rate_limited',
      message: expect.stringMatching(/^Too many attempts from your network\. Wait (1 minute|\d+ seconds) and try again\.$/),
      requestId: expect.any(String),
    });
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

describe('the client address behind a reverse proxy', () => {
  const limits = { signIn: { max: 2, timeWindow: 60_000 }, codes: { max: 60, timeWindow: 60_000 } };
  const guess = { email: demo('riley.reader'), password: 'guess' };
  /** Three sign-in tries through the proxy at 127.0.0.1, for clients that X-Forwarded-For names; their statuses. */
  const triesFor = async (h: Harness, clients: readonly string[], from = '127.0.0.1') => {
    const statuses: number[] = [];
    for (const client of clients) {
      statuses.push((await h.call('POST', '/api/v1/auth/sign-in', { body: guess, ip: from, headers: { 'x-forwarded-for': client } })).status);
    }
    return statuses;
  };

  it('takes the client from X-Forwarded-For when the request comes from a trusted proxy', async () => {
    const h = await startHarness({ mfa: { rateLimits: limits }, trustProxy: '127.0.0.1' });
    try {
      expect(await triesFor(h, ['203.0.113.7', '203.0.113.7', '203.0.113.7', '203.0.113.8'])).toEqual([401, 401, 429, 401]);
      // A client cannot pose as another by adding its own X-Forwarded-For: the proxy appends the address it saw.
      // 203.0.113.8 is counted whatever it writes in front.
      expect(await triesFor(h, ['198.51.100.1, 203.0.113.8', '198.51.100.2, 203.0.113.8'])).toEqual([401, 429]);
    } finally {
      await h.close();
    }
  });

  it('ignores X-Forwarded-For from anyone else, and entirely without --trust-proxy', async () => {
    const trusting = await startHarness({ mfa: { rateLimits: limits }, trustProxy: '127.0.0.1' });
    const plain = await startHarness({ mfa: { rateLimits: limits } });
    try {
      expect(await triesFor(trusting, ['203.0.113.7', '203.0.113.8', '203.0.113.9'], '198.51.100.20')).toEqual([401, 401, 429]);
      expect(await triesFor(plain, ['203.0.113.7', '203.0.113.8', '203.0.113.9'])).toEqual([401, 401, 429]);
    } finally {
      await Promise.all([trusting.close(), plain.close()]);
    }
  });
});
