/**
 * Reading and checking an SQLite database file before the service trusts it.
 *
 * A damaged file must stop the start with a message that names the file and says what to do: starting on an
 * empty database instead would look like every user and policy had vanished.
 */
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { StoreError, describeCause } from './store-error';

const SQLITE_HEADER = 'SQLite format 3\0';
const HEADER_BYTES = 100;

/** The file's bytes after header checks, or null when there is no file yet (a first start). */
export async function readDatabaseFile(path: string): Promise<Uint8Array | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw unreadable(path, code, error);
  }
  checkHeader(path, bytes);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Fails early when the service could read the database but not save it (saves happen after every write). */
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

/** Opens the bytes in sql.js and runs SQLite's own consistency check; a damaged database is refused. */
export function openChecked(sqlJs: SqlJsStatic, bytes: Uint8Array, path: string): SqlJsDatabase {
  const database = new sqlJs.Database(bytes);
  let verdict: string;
  try {
    const rows = database.exec('PRAGMA quick_check');
    const values = rows[0]?.values.map((row) => String(row[0])) ?? [];
    verdict = values.join('; ');
  } catch (error) {
    verdict = describeCause(error);
  }
  if (verdict !== 'ok') {
    database.close();
    throw corrupt(path, `SQLite's consistency check failed: ${truncate(verdict)}`);
  }
  return database;
}

function checkHeader(path: string, bytes: Buffer): void {
  if (bytes.length === 0) throw corrupt(path, 'the file is empty (0 bytes)');
  if (bytes.length < HEADER_BYTES) {
    throw corrupt(path, `the file is only ${bytes.length} bytes long, shorter than an SQLite header: it was cut short`);
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
  if ((expected !== null && bytes.length < expected) || bytes.length % pageSize !== 0) {
    const detail = expected === null ? `not a whole number of ${pageSize}-byte pages` : `its header says ${expected}`;
    throw corrupt(path, `the file is ${bytes.length} bytes but ${detail}: it was cut short`);
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
