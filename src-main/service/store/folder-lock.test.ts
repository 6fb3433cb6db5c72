import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME, lockDataFolder } from './folder-lock';
import { StoreError } from './store-error';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SINCE = new Date(2026, 10, 29, 22, 10, 5).getTime();

describe('lockDataFolder', () => {
  it('keeps a second process out of a folder in use, naming the first one, its pid and since when', () => {
    const dir = tempDir();
    const lock = lockDataFolder(dir, 'MFA Admin Console', { now: SINCE });
    // The parent of this test process is alive and is not us: it stands in for the second process.
    const second = (() => {
      try {
        lockDataFolder(dir, 'the MFA service', { pid: process.ppid });
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(second).toBeInstanceOf(StoreError);
    expect((second as StoreError).kind).toBe('folder-in-use');
    expect((second as Error).message).toContain(`in use by MFA Admin Console (process ${process.pid}, running since 2026-11-29 22:10:05)`);
    expect((second as Error).message).toMatch(/close that one first, or start this one with another folder/);
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    lockDataFolder(dir, 'the MFA service', { pid: process.ppid }).release();
  });

  it('refuses a second lock on the same folder within this process', () => {
    const dir = tempDir();
    const lock = lockDataFolder(dir, 'MFA Admin Console');
    expect(() => lockDataFolder(dir, 'MFA Admin Console')).toThrow(/in use by MFA Admin Console/);
    lock.release();
  });

  it('takes over a lock left by a process that no longer exists, and leaves no other file behind', () => {
    const dir = tempDir();
    const stale = { program: 'the MFA service', pid: 999_999_999, since: SINCE, token: 'crashed' };
    writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify(stale));
    const lock = lockDataFolder(dir, 'MFA Admin Console');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ program: 'MFA Admin Console', pid: process.pid });
    expect(readdirSync(dir)).toEqual([LOCK_FILE_NAME]);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes over a lock file it cannot read as a lock (cut short by a power cut)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), '{"program":"MFA Adm');
    lockDataFolder(dir, 'MFA Admin Console').release();
  });

  it('releases only its own lock: a lock another process took over stays', () => {
    const dir = tempDir();
    const lock = lockDataFolder(dir, 'MFA Admin Console');
    const other = { program: 'the MFA service', pid: process.ppid, since: SINCE, token: 'other' };
    writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify(other));
    lock.release();
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ token: 'other' });
  });
});
