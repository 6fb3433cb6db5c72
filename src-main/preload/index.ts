/**
 * The sandboxed preload: exposes one named function per contract channel on `window.mfaConsole`, nothing
 * generic (no `send`, no `ipcRenderer`). Bundled as a single CommonJS file, as sandboxed preloads require.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../../shared/ipc/contract';

const api: Record<string, (request: unknown) => Promise<unknown>> = {};
for (const channel of channelNames) {
  api[channel] = (request: unknown) => ipcRenderer.invoke(channel, request);
}

contextBridge.exposeInMainWorld('mfaConsole', Object.freeze(api));
