/**
 * Which file the embedded service's worker runs. The desktop app passes its built `embedded-worker.js`
 * (electron-vite builds it as its own entry); from source (browser mode, tests) the TypeScript entry runs
 * under tsx's loader, so Node and the tests exercise the same worker code that ships.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCE_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'service', 'worker', 'embedded-worker.ts');

/** The entry file and, for a TypeScript entry, the Node options that load it. */
export function embeddedWorkerOptions(built?: string): { entry: string; execArgv?: string[] } {
  const entry = built ?? SOURCE_ENTRY;
  if (!entry.endsWith('.ts')) return { entry };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
  return { entry, execArgv: ['--import', tsx] };
}
