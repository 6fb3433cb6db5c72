/**
 * Where the service and the console keep their few secrets: the data key that encrypts TOTP secrets at rest,
 * and the remote session token. Implementations are named by mechanism: `KeytarVault` (the OS keychain),
 * `FileVault` (a 0600 file, the fallback), `MemoryVault` (tests).
 */

/** The mechanism behind a vault, shown to admins next to `warning`. */
export type SecretVaultKind = 'keychain' | 'file' | 'memory';

/** A small key/value store for secrets, one value per account name. */
export interface SecretVault {
  readonly kind: SecretVaultKind;
  /** Where the secrets are, in words, for messages: "the system keychain (service …)" or the file path. */
  readonly location: string;
  /** Null when secrets are well protected; otherwise a plain-words warning the console must show. */
  readonly warning: string | null;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** Removes the account's secret; nothing happens if there is none. */
  delete(account: string): Promise<void>;
}

/** A vault that failed to read or write, with a message that says what to do. */
export class SecretVaultError extends Error {
  override readonly name = 'SecretVaultError';
}
