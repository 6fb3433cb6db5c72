/**
 * The OS keychain through keytar: macOS Keychain, Windows Credential Manager, or a Secret Service on Linux
 * (GNOME Keyring, KWallet).
 *
 * keytar is an optional, archived, native (N-API) dependency: it may be missing, fail to load (no libsecret),
 * or load but find no keychain (no D-Bus session). It is loaded lazily with `createRequire`, which bundlers do
 * not follow, so it always comes from node_modules at run time, and every failure becomes a reason string
 * instead of a crash.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { SecretVaultError, type SecretVault } from './secret-vault';

/** The part of keytar's API this vault uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The keychain answered a real round trip, or the reason it could not be used. */
export type KeychainProbe = { ok: true; vault: KeytarVault } | { ok: false; reason: string };

/** The keychain service name secrets are filed under, unless the caller picks another. */
export const DEFAULT_KEYCHAIN_SERVICE = 'MFA Admin Console';

/** Loads keytar, or returns why it is unavailable. */
export function loadKeytar(): KeytarApi | { unavailable: string } {
  try {
    return createRequire(import.meta.url)('keytar') as KeytarApi;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      unavailable:
        code === 'MODULE_NOT_FOUND'
          ? 'the keychain module (keytar) is not installed'
          : `the keychain module (keytar) could not be loaded: ${(error as Error).message}`,
    };
  }
}

/** Secrets in the OS keychain, filed under one service name. */
export class KeytarVault implements SecretVault {
  readonly kind = 'keychain';
  readonly warning = null;

  constructor(
    private readonly keytar: KeytarApi,
    readonly service: string = DEFAULT_KEYCHAIN_SERVICE,
  ) {}

  /**
   * Loads keytar and proves the keychain works with a real write, read and delete of a throwaway entry.
   * A keychain that does not answer within `timeoutMs` counts as unavailable (a locked keyring may wait for a
   * password prompt nobody sees). `keytar` is injectable for tests.
   */
  static async probe(
    service = DEFAULT_KEYCHAIN_SERVICE,
    timeoutMs = 3_000,
    keytar: KeytarApi | { unavailable: string } = loadKeytar(),
  ): Promise<KeychainProbe> {
    if ('unavailable' in keytar) return { ok: false, reason: keytar.unavailable };
    const vault = new KeytarVault(keytar, service);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`the system keychain did not answer within ${timeoutMs} ms`), timeoutMs);
    });
    try {
      const failure = await Promise.race([vault.#roundTrip(), timeout]);
      return failure === null ? { ok: true, vault } : { ok: false, reason: failure };
    } finally {
      clearTimeout(timer);
    }
  }

  get location(): string {
    return `the system keychain (service "${this.service}")`;
  }

  async get(account: string): Promise<string | null> {
    return this.#call('read', () => this.keytar.getPassword(this.service, account));
  }

  async set(account: string, value: string): Promise<void> {
    await this.#call('store', () => this.keytar.setPassword(this.service, account, value));
  }

  async delete(account: string): Promise<void> {
    await this.#call('delete', () => this.keytar.deletePassword(this.service, account));
  }

  /** Null when a value written to the keychain reads back identical and deletes cleanly; else the reason. */
  async #roundTrip(): Promise<string | null> {
    const account = `probe-${randomBytes(8).toString('hex')}`;
    const value = randomBytes(16).toString('hex');
    try {
      await this.keytar.setPassword(this.service, account, value);
      const read = await this.keytar.getPassword(this.service, account);
      await this.keytar.deletePassword(this.service, account);
      return read === value ? null : 'the system keychain did not return the value just stored in it';
    } catch (error) {
      return `the system keychain is not available (${(error as Error).message})`;
    }
  }

  async #call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new SecretVaultError(
        `The system keychain could not ${action} a secret: ${(error as Error).message}. ` +
          'Unlock the keychain (or log in to the desktop session that owns it) and try again.',
        { cause: error },
      );
    }
  }
}
