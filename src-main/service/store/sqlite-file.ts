/**
 * Checking an SQLite database file before the service trusts it, and opening it with the settings that make an
 * acknowledged write durable.
 *
 * A damaged file must stop the start with a message that names the file and says what to do: starting on an
 * empty database instead would look like every user and policy had vanished. Nothing is written to the file
 * until it has passed SQLite's own consistency check.
 */
import { constants } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { loadNodeSqlite } from './node-sqlite';
import { StoreError, describeCause } from './store-error';

const SQLITE_HEADER = 'SQLite format 3\0';
const HEADER_BYTES = 100;
/** How long a write waits for a lock another connection holds (a backup tool, the sqlite3 shell). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Per-connection settings: WAL (readers never wait for the writer), synchronous=FULL (the WAL is synced at
 * every commit, so an acknowledged write survives power loss), a busy timeout, foreign keys enforced, and a page
 * cache of up to 64 MiB with temporary tables in memory (a 100,000-user import then runs about twice as fast as
 * with SQLite's 2 MiB default, which thrashes on the users table's indexes).
 */
export function applyConnectionPragmas(database: DatabaseSync, file: boolean): void {
  database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON;`);
  if (!file) return;
  const mode = database.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode?: string } | undefined;
  if (mode?.journal_mode !== 'wal') throw new Error(`SQLite kept journal mode ${mode?.journal_mode ?? 'unknown'} instead of WAL`);
  database.exec('PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;');
}

/** True when a database file exists at `path` (false on a first start); throws if it cannot be used. */
export async function checkDatabaseFile(path: string): Promise<boolean> {
  let header: Buffer;
  let size: number;
  try {
    const handle = await open(path, 'r');
    try {
      size = (await handle.stat()).size;
      header = Buffer.alloc(Math.min(size, HEADER_BYTES));
      await handle.read(header, 0, header.length, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw unreadable(path, code, error);
  }
  checkHeader(path, header, size);
  return true;
}

/** Fails early when the service could read the database but not write it. */
export async function checkWritable(path: string, exists: boolean): Promise<void> {
  try {
    if (exists) await access(path, constants.W_OK);
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    throw new StoreError(
      'file-inaccessible',
      `The database file ${path} (or its folder) cannot be written: ${describeCause(error)}. ` +
        'Give the account running the service write access to the file and its folder, then start again.',
      { cause: error },
    );
  }
}

/** Opens the file and runs SQLite's consistency check before anything is written; a damaged file is refused. */
export function openChecked(path: string): DatabaseSync {
  const { DatabaseSync } = loadNodeSqlite();
  let database: DatabaseSync;
  try {
    database = new DatabaseSync(path);
  } catch (error) {
    throw unreadable(path, undefined, error);
  }
  let verdict: string;
  try {
    const rows = database.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>;
    verdict = rows.map((row) => row.quick_check).join('; ');
  } catch (error) {
    verdict = describeCause(error);
  }
  if (verdict !== 'ok') {
    database.close();
    throw corrupt(path, `SQLite's consistency check failed: ${truncate(verdict)}`);
  }
  return database;
}

function checkHeader(path: string, bytes: Buffer, size: number): void {
  if (size === 0) throw corrupt(path, 'the file is empty (0 bytes)');
  if (size < HEADER_BYTES) {
    throw corrupt(path, `the file is only ${size} bytes long, shorter than an SQLite header: it was cut short`);
  }
  if (bytes.subarray(0, SQLITE_HEADER.length).toString('latin1') !== SQLITE_HEADER) {
    throw corrupt(path, 'the file does not start with the SQLite header, so it is not an SQLite database');
  }
  const rawPageSize = bytes.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw corrupt(path, `its header gives an impossible page size (${rawPageSize})`);
  }
  const pageCount = bytes.readUInt32BE(28);
  const headerCountValid = pageCount > 0 && bytes.readUInt32BE(24) === bytes.readUInt32BE(92);
  const expected = headerCountValid ? pageCount * pageSize : null;
  if ((expected !== null && size < expected) || size % pageSize !== 0) {
    const detail = expected === null ? `not a whole number of ${pageSize}-byte pages` : `its header says ${expected}`;
    throw corrupt(path, `the file is ${size} bytes but ${detail}: it was cut short`);
  }
}

function corrupt(path: string, reason: string): StoreError {
  return new StoreError(
    'file-corrupt',
    `The database file ${path} is damaged and was not opened: ${reason}. ` +
      'Restore it from a backup, or move it elsewhere to start again with an empty database ' +
      '(the service never replaces a damaged file by itself).',
  );
}

function unreadable(path: string, code: string | undefined, cause: unknown): StoreError {
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied. Give the account running the service read and write access to it'
      : code === 'EISDIR'
        ? 'it is a folder, not a file. Choose a file path for the database'
        : `${describeCause(cause)}. Check the disk and the path`;
  return new StoreError('file-inaccessible', `The database file ${path} cannot be read: ${reason}, then start again.`, {
    cause,
  });
}

function truncate(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
