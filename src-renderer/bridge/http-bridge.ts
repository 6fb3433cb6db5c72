/** The bridge of browser mode: `POST /rpc/<channel>` with the session cookie (same origin only). */
import type { IpcResult } from '../../shared/ipc/define';
import { IPC_ERROR, IPC_ERROR_MESSAGE } from '../../shared/ipc/errors';
import type { Bridge } from './types';

/** Calls main's handlers over HTTP; network failures become the same IpcResult errors as handler failures. */
export function createHttpBridge(fetchImpl: typeof fetch = fetch.bind(globalThis)): Bridge {
  return {
    kind: 'http',
    async call(channel, request) {
      let response: Response;
      try {
        response = await fetchImpl(`/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request ?? {}),
        });
      } catch {
        return { ok: false, error: { code: IPC_ERROR.serviceUnavailable, message: 'The console backend is not running. Start it again with npm run web and open the new link.' } };
      }
      try {
        return (await response.json()) as IpcResult<never>;
      } catch {
        const code = response.status === 401 ? IPC_ERROR.unauthorized : IPC_ERROR.internal;
        return { ok: false, error: { code, message: IPC_ERROR_MESSAGE[code] } };
      }
    },
  };
}
