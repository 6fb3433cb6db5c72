/**
 * The fallback vault: a JSON file readable only by the account running the app (mode 0600), beside the
 * database. Used when no OS keychain answers, and then the console shows `warning`. Several service instances on one
 * machine may share the file: each change is applied to the file as it is on disk at that moment (not to this
 * process's copy), so one instance's save does not undo another's.
 */
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileDurably } from '../store/durable-file';
import { Mutex } from '../store/mutex';
import { SecretVaultError, type SecretVault } from './secret-vault';

/** The key file's name inside the data folder. */
export const VAULT_FILE_NAME = 'secret-vault.json';

interface VaultFile {
  version: 1;
  secrets: Record<string, string>;
}

/** Secrets in a 0600 JSON file, written atomically like the database. */
export class FileVault implements SecretVault {
  readonly kind = 'file';
  readonly warning: string;
  readonly #mutex = new Mutex();
  #secrets: Map<string, string>;

  private constructor(
    readonly location: string,
    secrets: Map<string, string>,
    whyNoKeychain: string,
  ) {
    this.#secrets = secrets;
    this.warning =
      `Secrets (the key that encrypts authenticator secrets, and sign-in tokens) are kept in the file ` +
      `${location}, protected only by file permissions: anyone who can read that file as this user or as an ` +
      `administrator, or from a backup or a copied disk, can use them. This is because ${whyNoKeychain}. ` +
      'Set up the system keychain (on Linux: GNOME Keyring or KWallet with the Secret Service) and restart the ' +
      'app to move them there.';
  }

  /**
   * Opens the key file at `path` (missing: empty; created on first `set`). Tightens a file that others could
   * read back to 0600. `whyNoKeychain` completes the warning: "This is because …".
   */
  static async open(path: string, whyNoKeychain: string): Promise<FileVault> {
    return new FileVault(path, await readVaultFile(path), whyNoKeychain);
  }

  /** Every stored account and value (to move them into a keychain that became available). */
  entries(): Array<[string, string]> {
    return [...this.#secrets.entries()];
  }

  async get(account: string): Promise<string | null> {
    return this.#secrets.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    await this.#change((secrets) => secrets.set(account, value));
  }

  async delete(account: string): Promise<void> {
    await this.#change((secrets) => secrets.delete(account));
  }

  async #change(apply: (secrets: Map<string, string>) => void): Promise<void> {
    await this.#mutex.run(async () => {
      const next = new Map(await readVaultFile(this.location));
      apply(next);
      const file: VaultFile = { version: 1, secrets: Object.fromEntries(next) };
      try {
        await mkdir(dirname(this.location), { recursive: true, mode: 0o700 });
        await writeFileDurably(this.location, new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`));
      } catch (error) {
        throw new SecretVaultError(
          `Could not save the key file ${this.location}: ${(error as Error).message}. ` +
            'Check the disk and that the app may write to its data folder, then try again.',
          { cause: error },
        );
      }
      this.#secrets = next;
    });
  }
}

async function readVaultFile(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new SecretVaultError(
      `The key file ${path} cannot be read: ${(error as Error).message}. ` +
        'Give the account running the app read and write access to it, then start again.',
      { cause: error },
    );
  }
  const secrets = parseVaultFile(text);
  if (secrets === null) {
    throw new SecretVaultError(
      `The key file ${path} is damaged (it is not a valid vault file). Restore it from the backup that goes with ` +
        'the database: without it, stored authenticator secrets cannot be decrypted and users must enroll again.',
    );
  }
  await tightenMode(path);
  return secrets;
}

function parseVaultFile(text: string): Map<string, string> | null {
  try {
    const parsed = JSON.parse(text) as Partial<VaultFile> | null;
    if (parsed?.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) return null;
    const entries = Object.entries(parsed.secrets);
    return entries.every(([, value]) => typeof value === 'string') ? new Map(entries) : null;
  } catch {
    return null;
  }
}

async function tightenMode(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) await chmod(path, 0o600);
}
