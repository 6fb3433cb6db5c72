/** Service-level routes: liveness, readiness and the machine-readable contract. */
import { z } from 'zod';
import { defineRoute } from '../define';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  storage: z.enum(['sqlite', 'postgres']),
  time: z.string().describe('The service clock, ISO 8601 UTC'),
});

export const ReadyResponse = z.object({
  status: z.literal('ready'),
  storage: z.enum(['sqlite', 'postgres']),
});

export const systemRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Liveness: the process answers (whatever the database does), with its version and storage engine',
    tag: 'system',
    auth: 'none',
    response: HealthResponse,
    errors: [],
  }),
  ready: defineRoute({
    method: 'GET',
    path: '/api/v1/ready',
    summary:
      'Readiness: 200 when this instance can serve requests (its database answers within 3 s); 503 service_unavailable when the database does not answer or the instance is shutting down',
    tag: 'system',
    auth: 'none',
    response: ReadyResponse,
    errors: ['service_unavailable'],
  }),
  openapi: defineRoute({
    method: 'GET',
    path: '/api/v1/openapi.json',
    summary: 'This OpenAPI 3 document, generated from the same schemas that validate requests',
    tag: 'system',
    auth: 'none',
    response: z.record(z.string(), z.unknown()),
    errors: [],
  }),
};
