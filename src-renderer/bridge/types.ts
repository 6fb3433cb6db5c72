/** The renderer's view of the console backend: one typed call per IPC channel. */
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';

/** A transport to main's handlers (Electron preload or browser-mode HTTP). */
export interface Bridge {
  readonly kind: 'electron' | 'http';
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
}

/** What the preload exposes on `window.mfaConsole`: one function per channel. */
export type PreloadApi = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>> };

declare global {
  interface Window {
    mfaConsole?: PreloadApi;
  }
}
