/**
 * One process per data folder: the console and the standalone service take the folder's lock file before they
 * touch anything in it, so two of them cannot both write the same database (each would acknowledge changes the
 * other never sees). The lock file names its owner: program, pid and since when, for the refusal message.
 *
 * The lock is created whole in one step (written under a unique name, then hard-linked into place), so a reader
 * never sees half a lock. A lock whose process is gone (a crash, a power cut) is stale: it is moved aside under a
 * unique name and taken over only if what was moved is exactly the stale lock that was read; if another process
 * took it over first, its fresh lock is put back.
 */
import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from './process-alive';
import { StoreError } from './store-error';

/** The lock file's name inside a data folder. */
export const LOCK_FILE_NAME = 'in-use.lock';

/** What the lock file says about its owner. */
export interface LockOwner {
  program: string;
  pid: number;
  /** Epoch ms when the owner took the lock. */
  since: number;
  token: string;
}

/** A held lock. */
export interface FolderLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

/** Locks this process holds, by lock file: a second lock in the same process is refused too. */
const heldHere = new Map<string, string>();

/**
 * Takes `dir`'s lock for `program` (e.g. "MFA Admin Console"), creating the folder (0700) if needed.
 * Throws a StoreError `folder-in-use` naming the running owner, or `file-inaccessible` if the folder cannot be
 * written.
 */
export function lockDataFolder(dir: string, program: string, options: { pid?: number; now?: number } = {}): FolderLock {
  const folder = path.resolve(dir);
  const file = path.join(folder, LOCK_FILE_NAME);
  const owner: LockOwner = { program, pid: options.pid ?? process.pid, since: options.now ?? Date.now(), token: randomUUID() };
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    for (let attempt = 0; attempt < 5; attempt++) {
      if (create(file, owner)) {
        heldHere.set(file, owner.token);
        return { file, owner, release: () => release(file, owner.token) };
      }
      const text = readIfPresent(file);
      if (text === null) continue;
      const current = parseOwner(text);
      if (current && (heldHere.get(file) === current.token || (current.pid !== owner.pid && isProcessAlive(current.pid)))) {
        throw new StoreError('folder-in-use', inUseMessage(folder, current));
      }
      takeOverStale(file, text, owner.token);
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      'file-inaccessible',
      `The data folder ${folder} cannot be locked for this process: ${(error as Error).message}. ` +
        'Check that the folder exists and that you may write to it, or choose another one (--data DIR).',
      { cause: error },
    );
  }
  throw new StoreError('folder-in-use', `The data folder ${folder} is being claimed by other processes right now. Wait a moment and start again.`);
}

/** Creates the lock file with its whole content in one step; false when a lock file already exists. */
function create(file: string, owner: LockOwner): boolean {
  const temp = `${file}.${owner.token}`;
  writeFileSync(temp, `${JSON.stringify(owner)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/** Moves the stale lock aside; if what moved was not that stale lock, another process's lock is put back. */
function takeOverStale(file: string, staleText: string, token: string): void {
  const aside = `${file}.stale-${token}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readIfPresent(aside) !== staleText) {
    try {
      linkSync(aside, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  unlinkSync(aside);
}

function release(file: string, token: string): void {
  if (heldHere.get(file) !== token) return;
  heldHere.delete(file);
  const text = readIfPresent(file);
  if (text !== null && parseOwner(text)?.token === token) unlinkSync(file);
}

function readIfPresent(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The owner a lock file names, or null for a file that is not one of our locks (taken over as stale). */
function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.since !== 'number' || typeof value.program !== 'string' || typeof value.token !== 'string') return null;
    return { program: value.program, pid: value.pid, since: value.since, token: value.token };
  } catch {
    return null;
  }
}

function inUseMessage(folder: string, owner: LockOwner): string {
  return (
    `The data folder ${folder} is in use by ${owner.program} (process ${owner.pid}, running since ${localTime(owner.since)}). ` +
    'Only one console or service may use a data folder at a time: close that one first, or start this one with another folder (--data DIR).'
  );
}

/** `2026-11-29 22:10:05` in this machine's time zone. */
function localTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
