/**
 * The file fallback of the secret vault (no keychain): a 0600 JSON file beside the database, an honest warning,
 * values that survive a restart, and the move into the keychain once one answers.
 */
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileVault, VAULT_FILE_NAME } from '../../src-main/service/secrets/file-vault';
import type { KeytarApi } from '../../src-main/service/secrets/keytar-vault';
import { openVault } from '../../src-main/service/secrets/open-vault';
import { SecretSealer } from '../../src-main/service/secrets/sealed-secret';
import { SecretVaultError } from '../../src-main/service/secrets/secret-vault';

/** An in-memory stand-in for keytar's API, keyed by service and account. */
function fakeKeytar(): KeytarApi & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getPassword: async (service, account) => entries.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => void entries.set(`${service}/${account}`, password),
    deletePassword: async (service, account) => entries.delete(`${service}/${account}`),
  };
}

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-vault-'));
  file = join(dir, 'data', VAULT_FILE_NAME);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileVault', () => {
  it('keeps values in a 0600 file that survives reopening', async () => {
    const vault = await FileVault.open(file, 'no keychain in this test');
    expect(await vault.get('session-token')).toBeNull();
    await vault.set('session-token', 'tok-1');
    await vault.set('data-key:abc', 'key-bytes');
    await vault.set('session-token', 'tok-2');
    expect(await modeOf(file)).toBe(0o600);

    const reopened = await FileVault.open(file, 'no keychain in this test');
    expect(await reopened.get('session-token')).toBe('tok-2');
    expect(await reopened.get('data-key:abc')).toBe('key-bytes');
    await reopened.delete('session-token');
    expect(await (await FileVault.open(file, 'again')).get('session-token')).toBeNull();
  });

  it('warns in plain words that only file permissions protect the secrets, and why', async () => {
    const vault = await FileVault.open(file, 'the system keychain is not available (no D-Bus session)');
    expect(vault.kind).toBe('file');
    expect(vault.warning).toContain(file);
    expect(vault.warning).toMatch(/protected only by file permissions/);
    expect(vault.warning).toMatch(/because the system keychain is not available \(no D-Bus session\)/);
  });

  it('tightens a key file that others could read back to 0600', async () => {
    await (await FileVault.open(file, 'test')).set('a', 'b');
    await chmod(file, 0o644);
    await FileVault.open(file, 'test');
    expect(await modeOf(file)).toBe(0o600);
  });

  it('refuses a damaged key file with a message that names it and what is at stake', async () => {
    await (await FileVault.open(file, 'test')).set('a', 'b');
    await writeFile(file, '{"version":1,"secrets":');
    const error = await FileVault.open(file, 'test').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretVaultError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/damaged[\s\S]*cannot be decrypted/);
  });

  it('applies each change to the file as it is on disk, so two processes sharing it do not undo each other', async () => {
    const first = await FileVault.open(file, 'test');
    const second = await FileVault.open(file, 'test');
    await first.set('audit-chain-head:a', 'head of the first');
    await second.set('audit-chain-head:b', 'head of the second');
    await first.set('audit-chain-head:a', 'later head of the first');
    const onDisk = await FileVault.open(file, 'test');
    expect(await onDisk.get('audit-chain-head:a')).toBe('later head of the first');
    expect(await onDisk.get('audit-chain-head:b')).toBe('head of the second');
  });

  it('keeps the data key across restarts, so sealed secrets still open', async () => {
    const sealer = await SecretSealer.open(await FileVault.open(file, 'test'));
    const sealed = sealer.seal('JBSWY3DPEHPK3PXP');
    const afterRestart = await SecretSealer.open(await FileVault.open(file, 'test'), { expectedKeyId: sealer.keyId });
    await expect(afterRestart.open(sealed)).resolves.toBe('JBSWY3DPEHPK3PXP');
    expect(await readFile(file, 'utf8')).not.toContain('JBSWY3DPEHPK3PXP');
  });
});

describe('openVault', () => {
  it('falls back to the key file, with the reason in the warning, when keytar cannot load', async () => {
    const vault = await openVault({ dir: join(dir, 'data'), keytar: { unavailable: 'the keychain module (keytar) is not installed' } });
    expect(vault.kind).toBe('file');
    expect(vault.location).toBe(file);
    expect(vault.warning).toMatch(/because the keychain module \(keytar\) is not installed/);
  });

  it('falls back when the keychain does not answer in time', async () => {
    const hanging: KeytarApi = {
      getPassword: () => new Promise(() => undefined),
      setPassword: () => new Promise(() => undefined),
      deletePassword: () => new Promise(() => undefined),
    };
    const started = Date.now();
    const vault = await openVault({ dir: join(dir, 'data'), keytar: hanging, probeTimeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(vault.kind).toBe('file');
    expect(vault.warning).toMatch(/did not answer within 200 ms/);
  });

  it('falls back when the keychain fails the round trip', async () => {
    const broken: KeytarApi = { ...fakeKeytar(), setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')) };
    const vault = await openVault({ dir: join(dir, 'data'), keytar: broken });
    expect(vault.warning).toMatch(/keychain is not available \(Cannot autolaunch D-Bus/);
  });

  it('uses the file without trying the keychain when the app is configured so', async () => {
    const keytar = fakeKeytar();
    const vault = await openVault({ dir: join(dir, 'data'), prefer: 'file', keytar });
    expect(vault.kind).toBe('file');
    expect(vault.warning).toMatch(/configured to keep secrets in a file/);
    expect(keytar.entries.size).toBe(0);
  });

  it('uses a working keychain with no warning, and moves secrets left in the key file into it', async () => {
    const fallback = await FileVault.open(file, 'earlier start without keychain');
    await fallback.set('data-key:abc', 'key-bytes');
    const keytar = fakeKeytar();
    const vault = await openVault({ dir: join(dir, 'data'), keytar, service: 'MFA test' });
    expect(vault.kind).toBe('keychain');
    expect(vault.warning).toBeNull();
    expect(await vault.get('data-key:abc')).toBe('key-bytes');
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    expect([...keytar.entries.keys()]).toEqual(['MFA test/data-key:abc']);
  });
});
