/**
 * The MFA service's HTTP contract, declared once with zod: the service validates requests with these schemas,
 * the OpenAPI document is generated from them, and the console's client is typed by them.
 */
import { z } from 'zod';

/** Who may call a route: anyone, a signed-in end user (any stage named), or an operator session. */
export type RouteAuth = 'none' | 'session' | 'sign_in' | 'operator';

/** One HTTP route of the service. */
export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify-style path with `:param` segments, under /api/v1. */
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Error codes this route may answer with (documented in OpenAPI). */
  errors: readonly ApiErrorCode[];
  /** Content type of a non-JSON response (e.g. text/csv); JSON when absent. */
  produces?: string;
  /** Content type of a non-JSON request body (e.g. text/csv); JSON when absent. */
  consumes?: string;
}

/** Declares a route, keeping its literal types. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: RouteDef<P, Q, B, R>,
): RouteDef<P, Q, B, R> {
  return def;
}

/** Every error code the service answers with, with its HTTP status. */
export const API_ERRORS = {
  bad_request: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  unprocessable: 422,
  mfa_locked: 423,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

/**
 * The one error body shape of the service: `{ "error": { "code", "message", "requestId" } }` in plain words. The
 * request id is the one on the service's log lines of that request (and in its `X-Request-Id` header), so a person
 * who reports an error can be matched to what the service logged.
 */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    /** Machine-readable specifics (e.g. the refusal reason, whom to contact, field problems). */
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** An empty strict object: routes without a body/query still refuse unknown fields. */
export const Empty = z.strictObject({});
