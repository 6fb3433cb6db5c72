/** Service-level routes: health and the machine-readable contract. */
import { z } from 'zod';
import { defineRoute } from '../define';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  storage: z.enum(['sqlite', 'postgres']),
  time: z.string().describe('The service clock, ISO 8601 UTC'),
});

export const systemRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Liveness and storage engine',
    tag: 'system',
    auth: 'none',
    response: HealthResponse,
    errors: [],
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
