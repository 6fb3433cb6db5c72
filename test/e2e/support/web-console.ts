/** Starts browser mode (`src-main/web/cli.ts`) as a child process, like a user running `npm run web`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A running console in browser mode. */
export interface WebConsole {
  /**
   * A console link to open (each works once, like the ones `npm run web` prints): the first printed one, then a
   * fresh one per call, asked for by pressing Enter in the console's terminal.
   */
  newLink(): Promise<string>;
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
    { cwd: root, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  let exitCode: number | null | undefined;
  let taken = 0;
  const waiters = new Set<() => void>();
  const printedLinks = () => [...output.matchAll(/^Console: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/gm)].map((match) => match[1] ?? '');
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.once('exit', (code) => {
    exitCode = code;
    for (const wake of waiters) wake();
  });
  /** The next Console line printed after those already taken. */
  const nextLink = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`browser mode did not print a Console line in 60 s:\n${output}`)), 60_000);
      const done = (error: Error | null, link = '') => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve(link);
      };
      const check = () => {
        const links = printedLinks();
        if (links.length > taken) done(null, links[taken++]);
        else if (exitCode !== undefined) done(new Error(`browser mode exited with ${exitCode}:\n${output}`));
      };
      waiters.add(check);
      check();
    });
  const first = await nextLink();
  let firstUnused = true;
  return {
    async newLink() {
      if (firstUnused) {
        firstUnused = false;
        return first;
      }
      const next = nextLink();
      child.stdin?.write('\n');
      return next;
    },
    origin: new URL(first).origin,
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
