/**
 * keytar against a real Secret Service. Runs when one answers (CI: under dbus-run-session with an unlocked
 * gnome-keyring-daemon); otherwise skipped with the reason printed. Under CI (CI=true) a missing keychain is
 * a failure, so the real-keychain tests cannot silently stop running.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileVault, VAULT_FILE_NAME } from '../../src-main/service/secrets/file-vault';
import { KeytarVault } from '../../src-main/service/secrets/keytar-vault';
import { openVault } from '../../src-main/service/secrets/open-vault';
import { SecretSealer } from '../../src-main/service/secrets/sealed-secret';

const SERVICE = `MFA Admin Console test ${process.pid}-${randomBytes(3).toString('hex')}`;
const probe = await KeytarVault.probe(SERVICE, 5_000);
const reason = probe.ok ? null : probe.reason;
if (reason !== null) {
  console.warn(
    `vault-keytar: skipped, because ${reason}. To run it: dbus-run-session -- sh -c ` +
      `'echo -n pw | gnome-keyring-daemon --unlock --components=secrets; npx vitest run --project integration'`,
  );
}

const used = new Set<string>();

afterAll(async () => {
  if (!probe.ok) return;
  for (const account of used) await probe.vault.delete(account);
});

it.runIf(reason !== null && Boolean(process.env.CI))('has a working keychain under CI', () => {
  expect.fail(`CI must run these tests against a real Secret Service, but ${reason}.`);
});

describe.skipIf(!probe.ok)('KeytarVault on the real keychain', () => {
  const vault = () => {
    if (!probe.ok) throw new Error(probe.reason);
    return probe.vault;
  };

  it('stores, reads back, overwrites and deletes a secret', async () => {
    const account = `secret-${randomBytes(4).toString('hex')}`;
    used.add(account);
    expect(await vault().get(account)).toBeNull();
    await vault().set(account, 'first');
    await vault().set(account, 'second');
    expect(await vault().get(account)).toBe('second');
    await vault().delete(account);
    expect(await vault().get(account)).toBeNull();
    await vault().delete(account);
  });

  it('is what openVault picks, with no warning and no key file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-keytar-'));
    try {
      const opened = await openVault({ dir, service: SERVICE });
      expect(opened.kind).toBe('keychain');
      expect(opened.warning).toBeNull();
      await expect(stat(join(dir, VAULT_FILE_NAME))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps the data key, so secrets sealed before a restart still open', async () => {
    const sealer = await SecretSealer.open(vault());
    used.add('data-key:current').add(`data-key:${sealer.keyId}`);
    const sealed = sealer.seal('JBSWY3DPEHPK3PXP');
    const restarted = await KeytarVault.probe(SERVICE);
    if (!restarted.ok) throw new Error(restarted.reason);
    const again = await SecretSealer.open(restarted.vault, { expectedKeyId: sealer.keyId });
    await expect(again.open(sealed)).resolves.toBe('JBSWY3DPEHPK3PXP');
  });

  it('takes over secrets a start without keychain left in the key file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-keytar-'));
    const account = `moved-${randomBytes(4).toString('hex')}`;
    used.add(account);
    try {
      await (await FileVault.open(join(dir, VAULT_FILE_NAME), 'test')).set(account, 'from-file');
      const opened = await openVault({ dir, service: SERVICE });
      expect(opened.kind).toBe('keychain');
      expect(await vault().get(account)).toBe('from-file');
      await expect(stat(join(dir, VAULT_FILE_NAME))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
