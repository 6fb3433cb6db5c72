import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME, lockDataDir } from './data-dir-lock';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('keeps a second console out of a folder in use, naming the owner', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    // The parent of this test process is alive and is not us: it stands in for another console.
    expect(() => lockDataDir(dir, process.ppid)).toThrow(new RegExp(`process ${process.pid}`));
    release();
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    lockDataDir(dir, process.ppid)();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), '999999999');
    const release = lockDataDir(dir);
    release();
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });
});
