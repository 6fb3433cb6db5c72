/**
 * Where the console keeps its data when not told otherwise: the same folder Electron's `userData` uses
 * for this product, so the desktop app and browser mode share one embedded service.
 */
import os from 'node:os';
import path from 'node:path';
import { PRODUCT_NAME } from '../version';

/** The per-user application data folder for this platform. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
