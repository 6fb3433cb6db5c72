/**
 * The console's typed client of the MFA service: one `call(route, input)` for every route of `shared/api`,
 * over axios (inject adapter when embedded, HTTP(S) with a bearer token when remote). Service refusals become
 * ConsoleErrors with the service's own plain words; an unreachable service becomes `service_unavailable`, saying
 * whether a request that was not a read reached the service (`details.delivery`): `not_sent` means it was not done;
 * `unknown` means the connection broke after the request left, so the console cannot tell.
 */
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { ApiRoutes, RouteName } from '../../shared/api';
import { apiRoutes } from '../../shared/api';
import { ApiErrorBody } from '../../shared/api/define';
import { IPC_ERROR, IPC_ERROR_MESSAGE } from '../../shared/ipc/errors';
import { ConsoleError } from '../ipc/console-error';

type Part<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S } ? (S extends z.ZodType ? z.input<S> : never) : never;

/** The input of a route: only the parts it declares. */
export type CallInput<N extends RouteName> = {
  [K in 'params' | 'query' | 'body' as Part<ApiRoutes[N], K> extends never ? never : K]: Part<ApiRoutes[N], K>;
};
/** The response body of a route. */
export type CallOutput<N extends RouteName> = z.output<ApiRoutes[N]['response']>;

/** Per-call options: the session token to send (else the client's), and the user agent to announce. */
export interface CallOptions {
  token?: string;
  raw?: boolean;
  userAgent?: string;
}

/** A typed client over one axios instance. */
export interface ServiceClient {
  call<N extends RouteName>(name: N, input: CallInput<N>, options?: CallOptions): Promise<CallOutput<N>>;
  /** The token sent when a call gives none (the console operator's session). */
  setToken(token: string | null): void;
}

/** Fills `:param` segments. */
function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, key: string) => encodeURIComponent(String(params?.[key] ?? '')));
}

/** Wraps an axios instance (its baseURL and adapter decide embedded vs remote). */
export function createServiceClient(http: AxiosInstance): ServiceClient {
  let defaultToken: string | null = null;
  return {
    setToken(token) {
      defaultToken = token;
    },
    async call(name, input, options = {}) {
      const def = apiRoutes[name];
      const parts = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
      const token = options.token ?? defaultToken;
      try {
        const response = await http.request({
          method: def.method,
          url: fillPath(def.path, parts.params),
          ...(parts.query ? { params: parts.query } : {}),
          // A POST without a body would go out as form data, which the service refuses: send an empty JSON object.
          ...(parts.body !== undefined ? { data: parts.body } : def.method === 'GET' ? {} : { data: {} }),
          headers: {
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...('consumes' in def && def.consumes ? { 'Content-Type': def.consumes } : {}),
            ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
          },
          ...(def.produces ? { responseType: 'text' as const } : {}),
        });
        return response.data as CallOutput<typeof name>;
      } catch (error) {
        throw toConsoleError(error, def.method);
      }
    },
  };
}

/** The same client, announcing `userAgent` on every call (the simulator's phone, in the sign-in activity). */
export function withUserAgent(client: ServiceClient, userAgent: string): ServiceClient {
  return {
    setToken: (token) => client.setToken(token),
    call: (name, input, options = {}) => client.call(name, input, { ...options, userAgent }),
  };
}

/** Whether a request that failed in transit reached the service. */
export type Delivery = 'not_sent' | 'unknown';

/** Transport errors raised before a request can have left this computer: nothing reached the service. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
/** Answers of a proxy or load balancer in front of a service that does not answer. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/** The words for a service that cannot be reached, by what the request was and whether it arrived. */
export function unreachableMessage(method: string, delivery: Delivery): string {
  if (method === 'GET') return 'The MFA service cannot be reached. The console keeps trying by itself and shows its own copy meanwhile.';
  if (delivery === 'not_sent') return 'The MFA service cannot be reached, so this was not done. The console keeps trying by itself: do it again once it is back online.';
  return 'The connection to the MFA service was lost before it answered, so the console cannot tell whether this was done. Once the console is back online, check (the user, the policy or the audit log) before doing it again.';
}

function unreachable(method: string, delivery: Delivery): ConsoleError {
  return new ConsoleError(IPC_ERROR.serviceUnavailable, unreachableMessage(method, delivery), { details: { delivery } });
}

/** Maps transport and service errors to what the person at the console should read. */
export function toConsoleError(error: unknown, method = 'GET'): ConsoleError {
  if (error instanceof AxiosError) {
    if (error.response) {
      const body = parseBody(error.response.data);
      if (body && body.error.code !== IPC_ERROR.serviceUnavailable) {
        return new ConsoleError(body.error.code, body.error.message, body.error.details ? { details: body.error.details } : {});
      }
      // The service refused to start the work (it is shutting down): its own words, and nothing was done.
      if (body) return new ConsoleError(IPC_ERROR.serviceUnavailable, body.error.message, { details: { ...body.error.details, delivery: 'not_sent' } });
      if (GATEWAY_STATUSES.has(error.response.status)) return unreachable(method, error.response.status === 503 ? 'not_sent' : 'unknown');
      return new ConsoleError(IPC_ERROR.internal, `The MFA service answered with HTTP ${error.response.status}. Try again.`);
    }
    return unreachable(method, error.code !== undefined && NOT_SENT.has(error.code) ? 'not_sent' : 'unknown');
  }
  if (error instanceof ConsoleError) return error;
  return new ConsoleError(IPC_ERROR.internal, IPC_ERROR_MESSAGE.internal);
}

function parseBody(data: unknown): ApiErrorBody | null {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return null;
    }
  }
  const parsed = ApiErrorBody.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** An axios instance for a remote service URL. */
export function createRemoteHttp(baseURL: string, timeoutMs = 15_000): AxiosInstance {
  return axios.create({ baseURL, timeout: timeoutMs, maxRedirects: 0 });
}
