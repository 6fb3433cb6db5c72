/** The bridge over the Electron preload's named functions. */
import type { Bridge, PreloadApi } from './types';

/** Wraps `window.mfaConsole`. */
export function createElectronBridge(api: PreloadApi): Bridge {
  return {
    kind: 'electron',
    call: (channel, request) => api[channel](request),
  };
}
