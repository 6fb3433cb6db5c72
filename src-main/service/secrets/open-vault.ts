/** Chooses the vault: the OS keychain when it really works, else the 0600 key file with its warning. */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { FileVault, VAULT_FILE_NAME } from './file-vault';
import { DEFAULT_KEYCHAIN_SERVICE, KeytarVault, type KeytarApi } from './keytar-vault';
import type { SecretVault } from './secret-vault';

/** Where and how to open the vault. */
export interface OpenVaultOptions {
  /** The data folder (beside the database): holds the key file when the keychain is not used. */
  dir: string;
  /** `keychain` (default) falls back to the file if the keychain does not answer; `file` never tries it. */
  prefer?: 'keychain' | 'file';
  /** Keychain service name the entries are filed under. */
  service?: string;
  /** How long the keychain may take to answer the probe. */
  probeTimeoutMs?: number;
  /** The keychain module; loaded from node_modules when omitted (tests pass a fake). */
  keytar?: KeytarApi | { unavailable: string };
}

/**
 * Opens the best vault available. With a working keychain, secrets a previous start had to keep in the key
 * file are moved into the keychain and the file is deleted, so the warning goes away for good.
 */
export async function openVault(options: OpenVaultOptions): Promise<SecretVault> {
  const file = join(options.dir, VAULT_FILE_NAME);
  if (options.prefer === 'file') return FileVault.open(file, 'the app was configured to keep secrets in a file');

  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const probe = await KeytarVault.probe(service, options.probeTimeoutMs, options.keytar);
  if (!probe.ok) return FileVault.open(file, probe.reason);

  const fallback = await FileVault.open(file, 'the system keychain was not available earlier');
  const leftovers = fallback.entries();
  if (leftovers.length === 0) return probe.vault;
  try {
    for (const [account, value] of leftovers) {
      if ((await probe.vault.get(account)) === null) await probe.vault.set(account, value);
    }
    for (const [account] of leftovers) {
      if ((await probe.vault.get(account)) === null) throw new Error(`${account} did not reach the keychain`);
    }
  } catch (error) {
    return FileVault.open(file, `moving secrets into the system keychain failed (${(error as Error).message})`);
  }
  await unlink(file);
  return probe.vault;
}
