/**
 * Crash-safe whole-file replacement: write a temp file beside the target, fsync it, rename it over the target,
 * fsync the directory. A reader (or a restart after SIGKILL or power loss) sees either the old file or the new
 * one, never a mix.
 */
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './process-alive';

/** Replaces `path` with `bytes` atomically and durably; the file gets mode 0600 (it holds credentials). */
export async function writeFileDurably(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Makes a rename in `dir` durable. Windows cannot open a directory for fsync; NTFS journals renames itself. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Deletes temp files that a killed process left beside `path` (`<name>.tmp-<pid>` of a pid no longer running):
 * the key file's, and the database's from 0.1.0, which rewrote the whole database that way. They are never
 * read: the target file is always complete on its own.
 */
export async function removeStaleTempFiles(path: string): Promise<void> {
  const prefix = `${basename(path)}.tmp-`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!Number.isInteger(pid) || pid <= 0 || isProcessAlive(pid)) continue;
    await unlink(join(dirname(path), name)).catch(() => undefined);
  }
}
