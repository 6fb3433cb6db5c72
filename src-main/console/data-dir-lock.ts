/**
 * One console per data folder: the embedded database is a single file written whole, so two processes (say the
 * desktop app and `npm run web`) on the same folder would overwrite each other's changes. A lock file holding
 * the owner's pid keeps the second one out with a plain-words error; a lock left by a dead process is taken over.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConsoleError } from '../ipc/console-error';
import { makePrivateDir } from './private-dir';

export const LOCK_FILE_NAME = 'console.lock';

/** True when a process with this pid exists (signal 0 checks without signalling). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock or throws; returns the release function. */
export function lockDataDir(dataDir: string, pid: number = process.pid): () => void {
  makePrivateDir(dataDir);
  const file = path.join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(pid), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(pid)) unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== pid && isAlive(owner)) {
        throw new ConsoleError(
          'conflict',
          `Another MFA Admin Console (process ${owner}) is already using the data folder ${dataDir}. Close it first, or start this one with another folder (npm run web -- --data DIR).`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new ConsoleError('conflict', `The data folder ${dataDir} could not be locked. Check that you may write to it.`);
}
