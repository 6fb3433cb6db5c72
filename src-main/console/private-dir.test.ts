import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makePrivateDir } from './private-dir';

describe.skipIf(process.platform === 'win32')('private folders', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mfa-private-dir-'));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const modeOf = (dir: string) => statSync(dir).mode & 0o777;

  it('creates missing folders as 0700, whatever the umask lets through', () => {
    const dir = path.join(root, 'data', 'service');
    makePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.dirname(dir))).toBe(0o700);
  });

  it('tightens a folder an older version left readable by others', () => {
    const dir = path.join(root, 'open');
    makePrivateDir(dir);
    chmodSync(dir, 0o755);
    makePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });
});
