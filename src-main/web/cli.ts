/**
 * `npm run web -- --port N`: browser mode. Builds the renderer if needed, starts the console backend with its
 * embedded service, serves both on 127.0.0.1, and prints `Console: http://127.0.0.1:N/?token=…`. Each link works once,
 * within 10 minutes; pressing Enter prints a new one.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createConsole } from '../console/create-console';
import { defaultDataDir } from '../console/data-dir';
import { buildRenderer, rendererIsStale } from './build-if-needed';
import { parseWebArgs } from './cli-args';
import { START_LINK_MINUTES } from './session-guard';
import { startWebServer } from './web-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const options = parseWebArgs(process.argv.slice(2));
  if (options.rebuild === 'auto' && rendererIsStale(root)) {
    console.error('Building the console (first run or sources changed)…');
    buildRenderer(root);
  }
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const backend = await createConsole({ dataDir, host: 'browser' });
  const server = await startWebServer({ rendererDir: path.join(root, 'out', 'renderer'), dispatch: backend.dispatch, port: options.port });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Printed only once the handlers are in place: whoever reads it may stop the console at once.
  console.log(server.consoleLine);
  console.error(`Data folder: ${dataDir}. Each link opens the console once, within ${START_LINK_MINUTES} minutes: press Enter here for a new one. Press Ctrl+C to stop.`);
  createInterface({ input: process.stdin }).on('line', () => console.log(server.newConsoleLine()));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message);
  process.exit(1);
});
