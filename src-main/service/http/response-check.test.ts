import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../../../shared/api/define';
import type { Authenticator } from '../auth/authenticator';
import { ApiError } from './api-error';
import { installErrorHandling } from './error-handler';
import { registerRoute } from './register-route';
import { installResponseCheck } from './response-check';

const route = defineRoute({
  method: 'GET',
  path: '/api/v1/test/thing',
  summary: 'a test route',
  tag: 'test',
  auth: 'none',
  query: z.strictObject({ answer: z.enum(['right', 'wrong', 'refuse']) }),
  response: z.object({ count: z.number(), name: z.string() }),
  errors: ['conflict'],
});

const anyone = { authenticate: async () => ({ kind: 'none' }) } as unknown as Authenticator;

async function app(check: boolean) {
  const fastify = Fastify();
  installErrorHandling(fastify);
  if (check) installResponseCheck(fastify);
  registerRoute(fastify, route, anyone, async ({ query }) => {
    if (query.answer === 'refuse') throw new ApiError('conflict', 'Already there.');
    return (query.answer === 'right' ? { count: 1, name: 'x' } : { count: 'one', name: 'x' }) as { count: number; name: string };
  });
  await fastify.ready();
  return fastify;
}

describe('response check (every answer matches its contract)', () => {
  it('lets answers that match their schema through, and error bodies that match the error shape', async () => {
    const fastify = await app(true);
    expect((await fastify.inject('/api/v1/test/thing?answer=right')).json()).toEqual({ count: 1, name: 'x' });
    const refused = await fastify.inject('/api/v1/test/thing?answer=refuse');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({ error: { code: 'conflict', message: 'Already there.', requestId: refused.headers['x-request-id'] } });
  });

  it('turns a wrong answer into a 500 that names the route and the field, so the test that called it fails', async () => {
    const fastify = await app(true);
    const wrong = await fastify.inject('/api/v1/test/thing?answer=wrong');
    expect(wrong.statusCode).toBe(500);
    expect(wrong.json().error).toMatchObject({
      code: 'internal',
      details: { route: 'GET /api/v1/test/thing', issues: [{ path: 'count', message: expect.any(String) }] },
    });
    const unchecked = await app(false);
    expect((await unchecked.inject('/api/v1/test/thing?answer=wrong')).statusCode).toBe(200);
  });
});
