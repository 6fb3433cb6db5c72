/**
 * An axios adapter that hands requests to the embedded Fastify app with `inject`: the console talks to its
 * in-process MFA service through the same HTTP contract as to a remote one, and no port is opened.
 */
import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import type { FastifyInstance, InjectOptions } from 'fastify';

type InjectMethod = NonNullable<InjectOptions['method']>;

/** Builds the adapter for one app. */
export function createInjectAdapter(app: FastifyInstance): AxiosAdapter {
  return async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const url = new URL(axiosUri(config), 'http://embedded.invalid');
    const headers = AxiosHeaders.from(config.headers).toJSON() as Record<string, string>;
    const injected = await app.inject({
      method: (config.method ?? 'get').toUpperCase() as InjectMethod,
      url: url.pathname + url.search,
      headers,
      ...(config.data !== undefined ? { payload: config.data as string } : {}),
      remoteAddress: '127.0.0.1',
    });
    const response: AxiosResponse = {
      data: injected.body,
      status: injected.statusCode,
      statusText: injected.statusMessage,
      headers: AxiosHeaders.from(injected.headers as Record<string, string>),
      config,
      request: {},
    };
    const valid = config.validateStatus ? config.validateStatus(response.status) : response.status < 400;
    if (valid) return response;
    const code = response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
    throw new AxiosError(`Request failed with status code ${response.status}`, code, config, {}, response);
  };
}

/** The request path with its query string, as axios would send it. */
function axiosUri(config: InternalAxiosRequestConfig): string {
  const base = config.baseURL ?? '';
  const path = config.url ?? '';
  const joined = /^https?:\/\//.test(path) ? path : `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  const params = config.params as Record<string, unknown> | undefined;
  if (!params) return joined;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `${joined}${joined.includes('?') ? '&' : '?'}${text}` : joined;
}
