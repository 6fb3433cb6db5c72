/**
 * Registers one route of the shared contract on Fastify: authentication by the route's `auth`,
 * zod validation of params, query and body (unknown fields refused), then the handler. The route's contract rides
 * in its config, so the response check (response-check.ts) can validate the answer.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { RouteDef } from '../../../shared/api/define';
import { NUL_MESSAGE, firstNulPath } from '../../../shared/api/nul-text';
import { ApiError } from './api-error';
import { CONTRACT_CONFIG_KEY } from './response-check';
import type { AuthContext, Authenticator } from '../auth/authenticator';

/** The parsed value of one optional part of a route (`params`, `query`, `body` are optional, hence NonNullable). */
type ParsedPart<S> = [NonNullable<S>] extends [z.ZodType] ? z.output<NonNullable<S>> : Record<string, never>;

/** What a handler receives: validated input and who is calling. */
export interface RouteInput<R extends RouteDef> {
  params: ParsedPart<R['params']>;
  query: ParsedPart<R['query']>;
  body: ParsedPart<R['body']>;
  auth: AuthContext;
  ip: string;
  request: FastifyRequest;
}

/** A route handler: returns the response body (checked against the contract when the response check is on). */
export type RouteHandler<R extends RouteDef> = (input: RouteInput<R>) => Promise<z.input<R['response']>>;

/** Turns zod issues into `details.fields` and a first-problem message. */
function invalid(part: string, error: z.ZodError): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || part;
    if (!(key in fields)) fields[key] = issue.message;
  }
  const [firstKey, firstMessage] = Object.entries(fields)[0] ?? [part, 'invalid'];
  return new ApiError('bad_request', `The ${part} is not valid: ${firstKey}: ${firstMessage}.`, { fields });
}

/**
 * Refuses a NUL character anywhere in a part, naming the field. A text body (a CSV file) is left to the route's
 * reader, which reports such a row by its line and keeps the good rows (R-DIR-4).
 */
function refuseNul(part: 'path' | 'query' | 'body', value: unknown): void {
  const path = firstNulPath(value);
  if (path === null) return;
  const key = path.join('.') || part;
  throw new ApiError('bad_request', `The ${part} is not valid: ${key}: ${NUL_MESSAGE}.`, { fields: { [key]: NUL_MESSAGE } });
}

/** Parses one part of the request with its schema (or demands it be empty when the route declares none). */
function parsePart(part: 'path' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): unknown {
  if (!(part === 'body' && typeof value === 'string')) refuseNul(part, value);
  if (!schema) {
    const empty = value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
    if (!empty && part !== 'path') throw new ApiError('bad_request', `This request takes no ${part}; remove it and try again.`);
    return {};
  }
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw invalid(part, parsed.error);
  return parsed.data;
}

/** Adds `def` to `app`, guarded by `auth`. */
export function registerRoute<R extends RouteDef>(
  app: FastifyInstance,
  def: R,
  authenticator: Authenticator,
  handler: RouteHandler<R>,
  options: { bodyLimit?: number; rateLimit?: { max: number; timeWindow: number } } = {},
): void {
  app.route({
    method: def.method,
    url: def.path,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    config: { [CONTRACT_CONFIG_KEY]: def, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) },
    handler: async (request, reply) => {
      const auth = await authenticator.authenticate(def.auth, request.headers.authorization);
      const input = {
        params: parsePart('path', def.params, request.params),
        query: parsePart('query', def.query, request.query),
        body: parsePart('body', def.body, request.body),
        auth,
        ip: request.ip,
        request,
      } as RouteInput<R>;
      const result = await handler(input);
      if (def.produces) reply.type(def.produces);
      return reply.send(result);
    },
  });
}
