/** Console-level channels: who we are connected to and how. */
import { z } from 'zod';
import { channel } from '../define';

/** Where the console's MFA service runs and whether it answers. */
export interface ConnectionStatus {
  mode: 'embedded' | 'remote';
  state: 'connected' | 'offline';
  /** For remote mode, the service URL; for embedded, a short description of the data folder. */
  target: string;
  /** Plain-words warnings the shell shows (e.g. secrets kept in a file because no keychain answered). */
  warnings: string[];
  /** How the renderer is hosted: the desktop window, or a browser tab (npm run web). */
  host: 'electron' | 'browser';
  version: string;
}

export const appChannels = {
  'app:status': channel(z.strictObject({}))<ConnectionStatus>(),
};
