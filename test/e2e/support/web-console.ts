/** Starts browser mode (`src-main/web/cli.ts`) as a child process, like a user running `npm run web`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A running console in browser mode. */
export interface WebConsole {
  /** The printed link, with its token. */
  link: string;
  /** `http://127.0.0.1:N`. */
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Spawns the console on a free port with a fresh data folder; resolves once the Console line is printed. */
export async function startWebConsole(options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<WebConsole> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'mfa-console-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'src-main', 'web', 'cli.ts'), '--port', '0', '--data', dataDir, '--no-build'],
    { cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its Console line in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Console: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
  return {
    link,
    origin: new URL(link).origin,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
