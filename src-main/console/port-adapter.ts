/**
 * An axios adapter that hands requests to the embedded MFA service in its worker thread (over a MessagePort):
 * the console talks to it through the same HTTP contract as to a remote one, and no port is opened.
 */
import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import type { HttpRequest, HttpResponse } from '../service/worker/embedded-protocol';

/** Sends one request to the service and resolves with its answer (the host numbers and routes them). */
export type Exchange = (request: Omit<HttpRequest, 'id'>) => Promise<Omit<HttpResponse, 'id'>>;

/** Builds the adapter over an exchange. */
export function createPortAdapter(exchange: Exchange): AxiosAdapter {
  return async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const url = new URL(axiosUri(config), 'http://embedded.invalid');
    const headers = AxiosHeaders.from(config.headers).toJSON() as Record<string, string>;
    const answered = await exchange({
      method: (config.method ?? 'get').toUpperCase(),
      url: url.pathname + url.search,
      headers,
      ...(config.data !== undefined ? { payload: config.data as string } : {}),
    });
    const response: AxiosResponse = {
      data: answered.body,
      status: answered.status,
      statusText: answered.statusText,
      headers: AxiosHeaders.from(answered.headers as Record<string, string>),
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
