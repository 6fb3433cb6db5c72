/**
 * The console's SecretVault seen from the worker: every get/set/delete is a message to the main thread, which
 * owns the real vault (the OS keychain, a key file, or memory in tests).
 */
import type { MessagePort } from 'node:worker_threads';
import { SecretVaultError, type SecretVault, type SecretVaultKind } from '../secrets/secret-vault';
import type { EmbeddedWorkerData, FromWorker, ToWorker } from './embedded-protocol';

/** A vault that forwards to the main thread's vault over `port`. */
export class PortVault implements SecretVault {
  readonly kind: SecretVaultKind;
  readonly location: string;
  readonly warning: string | null;
  readonly #pending = new Map<number, { resolve(value: string | null): void; reject(error: Error): void }>();
  #nextId = 1;

  constructor(
    private readonly port: MessagePort,
    described: EmbeddedWorkerData['vault'],
  ) {
    this.kind = described.kind;
    this.location = described.location;
    this.warning = described.warning;
  }

  /** Settles the call a `vault-result` or `vault-error` message answers; false for other messages. */
  settle(message: ToWorker): boolean {
    if (message.type !== 'vault-result' && message.type !== 'vault-error') return false;
    const waiter = this.#pending.get(message.id);
    this.#pending.delete(message.id);
    if (message.type === 'vault-result') waiter?.resolve(message.value);
    else waiter?.reject(new SecretVaultError(message.error.message));
    return true;
  }

  get(account: string): Promise<string | null> {
    return this.#call('get', account);
  }

  async set(account: string, value: string): Promise<void> {
    await this.#call('set', account, value);
  }

  async delete(account: string): Promise<void> {
    await this.#call('delete', account);
  }

  #call(op: 'get' | 'set' | 'delete', account: string, value?: string): Promise<string | null> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const message: FromWorker = { type: 'vault', id, op, account, ...(value === undefined ? {} : { value }) };
      this.port.postMessage(message);
    });
  }
}
