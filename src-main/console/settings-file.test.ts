import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsFile } from './settings-file';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SettingsFile', () => {
  it('gives the defaults (embedded) on a first start', async () => {
    const file = new SettingsFile(tempDir());
    await expect(file.load()).resolves.toEqual({ settings: DEFAULT_SETTINGS, warning: null });
  });

  it('keeps what was saved across instances, in a file only the user can read', async () => {
    const dir = tempDir();
    await new SettingsFile(dir).save({ mode: 'remote', embeddedOperator: null, remoteUrl: 'https://mfa.example.com', remoteEmail: 'a@b.example', smtpUrl: null });
    const { settings } = await new SettingsFile(dir).load();
    expect(settings).toMatchObject({ mode: 'remote', remoteUrl: 'https://mfa.example.com' });
    expect(statSync(path.join(dir, 'console-settings.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'console-settings.json'), 'utf8')).not.toMatch(/token/i);
  });

  it('ignores a damaged file with a warning instead of failing the start', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'console-settings.json'), '{"mode": "remo');
    const { settings, warning } = await new SettingsFile(dir).load();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warning).toMatch(/damaged/);
  });
});
