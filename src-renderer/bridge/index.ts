/**
 * The one place the renderer decides how to reach main: the Electron preload when present, else browser mode's
 * HTTP bridge. Nothing else in the renderer knows which.
 */
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/define';
import { createElectronBridge } from './electron-bridge';
import { createHttpBridge } from './http-bridge';
import type { Bridge } from './types';

let current: Bridge | null = null;

/** The bridge for this window. */
export function bridge(): Bridge {
  current ??= window.mfaConsole ? createElectronBridge(window.mfaConsole) : createHttpBridge();
  return current;
}

/** A failed call, carrying the plain-words error from main. */
export class BridgeError extends Error {
  readonly error: IpcError;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'BridgeError';
    this.error = error;
  }
}

/** Calls a channel and returns its value, or throws a BridgeError with the error to show. */
export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await bridge().call(channel, request);
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}
