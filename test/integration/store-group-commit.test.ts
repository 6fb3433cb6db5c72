/**
 * The file store acknowledges a write only once it is on disk, and writes that arrive together share one
 * flush (export + temp file + fsync + rename).
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as durableFile from '../../src-main/service/store/durable-file';
import { loadSqlJs } from '../../src-main/service/store/sqljs-loader';
import { StoreError } from '../../src-main/service/store/store-error';
import { openStore, type Store } from '../../src-main/service/store/store';

vi.mock('../../src-main/service/store/durable-file', async (importOriginal) => {
  const original = await importOriginal<typeof durableFile>();
  return { ...original, writeFileDurably: vi.fn(original.writeFileDurably) };
});
const writeFileDurably = vi.mocked(durableFile.writeFileDurably);

let dir: string;
let file: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-group-commit-'));
  file = join(dir, 'mfa.sqlite');
  store = await openStore({ file });
  writeFileDurably.mockClear();
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function putKey(key: string): Promise<void> {
  return store.write(async (trx) => {
    await trx.insertInto('meta').values({ key, value: key }).execute();
  });
}

/** The meta keys in the file on disk right now, read by a separate SQLite instance. */
async function keysOnDisk(): Promise<Set<string>> {
  const sqlJs = await loadSqlJs();
  const copy = new sqlJs.Database(await readFile(file));
  const rows = copy.exec('select key from meta')[0]?.values ?? [];
  copy.close();
  return new Set(rows.map((row) => String(row[0])));
}

describe('SqljsStore group commit', () => {
  it('resolves each write only when the file on disk already holds it', async () => {
    const missingAtAck: string[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        await putKey(`k${i}`);
        if (!(await keysOnDisk()).has(`k${i}`)) missingAtAck.push(`k${i}`);
      }),
    );
    expect(missingAtAck).toEqual([]);
  });

  it('saves writes that arrive together with far fewer flushes than writes', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => putKey(`k${i}`)));
    expect(writeFileDurably.mock.calls.length).toBeGreaterThan(0);
    expect(writeFileDurably.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('flushes once per write when writes come one after another', async () => {
    for (let i = 0; i < 4; i++) await putKey(`k${i}`);
    expect(writeFileDurably).toHaveBeenCalledTimes(4);
  });

  it('does not flush for a write that failed and changed nothing', async () => {
    await expect(store.write(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(writeFileDurably).not.toHaveBeenCalled();
  });

  it('rejects the writes of a failed save with a clear error, and saves them with the next write', async () => {
    writeFileDurably.mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    const error = await putKey('during-disk-full').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe('save-failed');
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/no space left[\s\S]*Free disk space/);
    expect((await keysOnDisk()).has('during-disk-full')).toBe(false);

    await putKey('after');
    const onDisk = await keysOnDisk();
    expect(onDisk.has('after') && onDisk.has('during-disk-full')).toBe(true);
  });

  it('finishes a pending save before close returns', async () => {
    const pending = putKey('last');
    await store.close();
    await pending;
    expect((await keysOnDisk()).has('last')).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['mfa.sqlite']);
  });
});

describe('SqljsStore in memory', () => {
  it('writes no file at all', async () => {
    const memory = await openStore({ memory: true });
    await memory.write((trx) => trx.insertInto('meta').values({ key: 'k', value: 'v' }).execute());
    expect(await memory.db.selectFrom('meta').select('value').where('key', '=', 'k').executeTakeFirst()).toEqual({ value: 'v' });
    await memory.close();
    expect(writeFileDurably).not.toHaveBeenCalled();
  });
});
