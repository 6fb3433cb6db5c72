/**
 * A damaged or unreadable database file stops the start with a message that names the file and says what to
 * do, and the file is left exactly as it was: never a silent start on an empty database.
 */
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src-main/service/store/store-error';
import { openStore } from '../../src-main/service/store/store';
import { companyRow, userRow } from '../fixtures/store-rows';
import { spawnFixture } from '../fixtures/tsx-child';

const RUNNING_AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65_534;

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-damaged-'));
  file = join(dir, 'mfa.sqlite');
});

afterEach(async () => {
  await chmod(file, 0o600).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

/** A real database with a few hundred users, so it spans many pages. */
async function createDatabase(): Promise<Buffer> {
  const store = await openStore({ file });
  await store.write(async (trx) => {
    await trx.insertInto('companies').values(companyRow('c1')).execute();
    for (let i = 0; i < 300; i++) await trx.insertInto('users').values(userRow('c1', `user${i}@example.com`)).execute();
  });
  await store.close();
  return readFile(file);
}

/** Opens the file, expecting a StoreError of `kind`; checks the message names the file and the file is unchanged. */
async function expectRefused(kind: StoreError['kind'], message: RegExp): Promise<void> {
  const before = await readFile(file).catch(() => null);
  const error = await openStore({ file }).then(
    async (store) => {
      await store.close();
      return null;
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).kind).toBe(kind);
  expect((error as Error).message).toContain(file);
  expect((error as Error).message).toMatch(message);
  expect(await readFile(file).catch(() => null)).toEqual(before);
  expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
}

describe('opening a damaged database file', () => {
  it('refuses a file of random bytes: it is not an SQLite database', async () => {
    await writeFile(file, Buffer.alloc(64 * 1024, 'garbage!'));
    await expectRefused('file-corrupt', /not an SQLite database[\s\S]*Restore it from a backup/);
  });

  it('refuses an empty file', async () => {
    await writeFile(file, '');
    await expectRefused('file-corrupt', /empty \(0 bytes\)[\s\S]*Restore it from a backup/);
  });

  it('refuses a file cut short after the header', async () => {
    const bytes = await createDatabase();
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefused('file-corrupt', /cut short/);
  });

  it('refuses a file cut short inside the header', async () => {
    const bytes = await createDatabase();
    await writeFile(file, bytes.subarray(0, 60));
    await expectRefused('file-corrupt', /shorter than an SQLite header/);
  });

  it('refuses a file whose pages were overwritten, using SQLite’s consistency check', async () => {
    const bytes = await createDatabase();
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, pageSize * 3, pageSize * 6);
    await writeFile(file, bytes);
    await expectRefused('file-corrupt', /consistency check failed[\s\S]*Restore it from a backup/);
  });

  it('refuses a folder where the file should be', async () => {
    await mkdir(file);
    const error = await openStore({ file }).catch((caught: unknown) => caught);
    expect((error as StoreError).kind).toBe('file-inaccessible');
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/is a folder, not a file/);
  });

  it('opens a healthy file with all its data (the checks do not refuse good files)', async () => {
    await createDatabase();
    const store = await openStore({ file });
    const users = await store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    expect(users).toEqual({ n: 300 });
    await store.close();
  });

  it('creates a new database file that only its owner may read (it holds credentials)', async () => {
    await createDatabase();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('removes a temp file a killed 0.1.0 process left behind, and leaves only the database after close', async () => {
    await createDatabase();
    const stale = `${file}.tmp-999999999`;
    await writeFile(stale, 'half-written');
    const store = await openStore({ file });
    await store.close();
    expect((await readdir(dir)).sort()).toEqual(['mfa.sqlite']);
  });

  it('refuses a database a newer version has upgraded, and says to use that version', async () => {
    const store = await openStore({ file });
    await store.write((trx) => sql`insert into kysely_migration (name, timestamp) values ('999-future', '2030-01-01')`.execute(trx));
    await store.close();
    await expectRefused('newer-database', /newer version of the MFA service/);
  });
});

/**
 * Opens the file as an account without special rights: this process, or, when the tests run as root (who reads
 * and writes any file whatever its mode), a child process running as `nobody`.
 */
async function openUnprivileged(): Promise<{ opened: boolean; kind?: string; message?: string }> {
  if (!RUNNING_AS_ROOT) {
    return openStore({ file }).then(
      async (store) => {
        await store.close();
        return { opened: true };
      },
      (error: unknown) => ({ opened: false, kind: (error as StoreError).kind, message: (error as Error).message }),
    );
  }
  await chmod(dir, 0o755);
  const child = spawnFixture('store-open.ts', [file], { uid: NOBODY, gid: NOBODY });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await once(child, 'close');
  return JSON.parse(output) as { opened: boolean; kind?: string; message?: string };
}

describe('opening a file the service may not read or write', () => {
  it('says permission is denied and what to change (chmod 000)', async () => {
    await createDatabase();
    await chmod(file, 0o000);
    const outcome = await openUnprivileged();
    expect(outcome.opened).toBe(false);
    expect(outcome.kind).toBe('file-inaccessible');
    expect(outcome.message).toContain(file);
    expect(outcome.message).toMatch(/cannot be read: permission denied.*read and write access/);
  });

  it('refuses a folder it may not write to before changing anything (WAL needs files beside the database)', async () => {
    const bytes = await createDatabase();
    if (RUNNING_AS_ROOT) await chmod(file, 0o666);
    await chmod(dir, RUNNING_AS_ROOT ? 0o755 : 0o555);
    const outcome = await openUnprivileged();
    await chmod(dir, 0o700);
    expect(outcome.opened).toBe(false);
    expect(outcome.kind).toBe('file-inaccessible');
    expect(outcome.message).toMatch(/cannot be written[\s\S]*write access/);
    expect(await readFile(file)).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['mfa.sqlite']);
  });

  it('refuses at start a file it could read but never save (read-only)', async () => {
    await createDatabase();
    await chmod(file, RUNNING_AS_ROOT ? 0o644 : 0o444);
    const outcome = await openUnprivileged();
    expect(outcome.opened).toBe(false);
    expect(outcome.kind).toBe('file-inaccessible');
    expect(outcome.message).toContain(file);
    expect(outcome.message).toMatch(/cannot be written[\s\S]*write access/);
  });
});
