import type { SecretVault } from './secret-vault';

/** A vault in memory, for tests and throwaway demos: secrets vanish with the process. */
export class MemoryVault implements SecretVault {
  readonly kind = 'memory';
  readonly location = 'memory';
  readonly warning = null;
  readonly #values = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.#values.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.#values.set(account, value);
  }

  async delete(account: string): Promise<void> {
    this.#values.delete(account);
  }
}
