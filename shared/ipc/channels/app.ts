/** Console-level channels: who we are connected to and how. */
import { z } from 'zod';
import { channel } from '../define';

/**
 * Where the console's MFA service runs and whether it can be used (R-CON-4): `connected`; `offline` (nothing answers:
 * the console shows its copy read-only and keeps trying by itself); `session_ended` (the service answers but no
 * longer knows the console's session: signing in again helps, retrying does not). Times are epoch ms.
 */
export interface ConnectionStatus {
  mode: 'embedded' | 'remote';
  state: 'connected' | 'offline' | 'session_ended';
  /** For remote mode, the service URL; for embedded, a short description of the data folder. */
  target: string;
  /** Plain-words warnings the shell shows (e.g. secrets kept in a file because no keychain answered). */
  warnings: string[];
  /** How the renderer is hosted: the desktop window, or a browser tab (npm run web). */
  host: 'electron' | 'browser';
  version: string;
  /** Since when the service cannot be reached, or the session ended; null while connected. */
  since: number | null;
  /** The last time the service answered, or null if it has not yet. */
  lastContactAt: number | null;
  /** When the console tries again by itself; null while connected and when only signing in can help. */
  nextRetryAt: number | null;
  /** What went wrong, in plain words; null while connected. */
  problem: string | null;
}

/**
 * Where an answer came from: the service just now, or the console's copy while the service cannot be used. `takenAt`
 * is when the service gave it (this computer's clock, epoch ms), so a screen can say "as of".
 */
export interface Freshness {
  takenAt: number;
  fromCopy: boolean;
}

export const appChannels = {
  /** Answered from memory: the renderer may ask often. */
  'app:status': channel(z.strictObject({}))<ConnectionStatus>(),
  /** Tries to reach the service now (the offline banner's "Try now"), then answers as `app:status`. */
  'app:retry': channel(z.strictObject({}))<ConnectionStatus>(),
};
