/** Builds the renderer when its output is missing or older than its sources (browser mode serves the build). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Newest modification time under a folder (0 when absent). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** True when out/renderer/index.html is missing or a renderer/shared source is newer. */
export function rendererIsStale(root: string): boolean {
  const built = path.join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return ['src-renderer', 'shared'].some((dir) => newestMtime(path.join(root, dir)) > builtAt);
}

/** Runs `electron-vite build` in `root`; throws with the tool's exit status on failure. */
export function buildRenderer(root: string): void {
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const result = spawnSync(bin, ['build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`The build failed (exit ${result.status ?? 'signal'}). Fix the errors above and run npm run web again.`);
}
