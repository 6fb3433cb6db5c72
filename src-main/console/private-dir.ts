/**
 * The console's folders hold its database, key file and cache: only their owner may list or enter them (0700),
 * like the 0600 files inside. A folder an older version created more open is tightened on the way.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';

/** Creates `dir` (and missing parents) as 0700, or tightens an existing one to 0700; does nothing on Windows. */
export function makePrivateDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (platform === 'win32') return;
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}
