#!/usr/bin/env node
// `npm start`: runs the desktop app (electron-vite preview: build, then launch Electron). Electron fetches its
// binary on first use; where that download is impossible (offline or locked-down machines) this says so plainly
// and starts browser mode (`npm run web`) instead, so the console still opens.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function electronBinary() {
  // Requiring `electron` from Node returns the binary's path, downloading it first if it is missing.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.status === 0 && probe.stdout) return { ok: true, path: probe.stdout };
  const reason = (probe.stderr || probe.error?.message || '').split('\n').find((line) => line.trim()) ?? 'unknown error';
  return { ok: false, reason };
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

require.resolve('electron');
const electron = electronBinary();
if (electron.ok) {
  run(bin('electron-vite'), ['preview', ...process.argv.slice(2)]);
} else {
  console.error(
    [
      'The Electron binary could not be downloaded, so the desktop window cannot open on this machine.',
      `  Reason: ${electron.reason.trim()}`,
      '  Fix: allow downloads from github.com (or set ELECTRON_MIRROR), then run npm start again.',
      'Starting browser mode instead (the same console in your browser): npm run web',
      '',
    ].join('\n'),
  );
  run(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'src-main', 'web', 'cli.ts'), ...process.argv.slice(2)]);
}
