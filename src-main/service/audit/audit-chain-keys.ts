/**
 * The audit chain's secrets in the SecretVault (R-AUD-1), like the data key: the HMAC key entries are sealed with,
 * and the chain's head — each company's last sequence number and hash — so that cutting entries off the end, or
 * rewriting the log from a copy, is detected. The head is saved once per write transaction that appended entries
 * (by `withAuditChain`), never once per entry, and only ever moves forward. One keychain serves every database of
 * this user (the desktop app and `npm run web --data …`), so the head is filed under the database's own id.
 *
 * Several service instances on one database each keep the head of what they themselves appended, in their own vault
 * (or in a shared one, where the last save wins). A head is saved only after its entries are durable, so it can lag
 * behind the log (another instance appended since) but never pass it: verifying on any instance checks the log up
 * to that instance's head and never reports a lag as a cut. Each instance guards the entries up to its own last
 * write, so the instance that wrote last guards the whole log.
 */
import type { AuditKey } from '../../../shared/domain/audit-chain';
import type { SecretVault } from '../secrets/secret-vault';
import { createVaultKey, currentVaultKeyId, keyFingerprint, readVaultKey } from '../secrets/vault-keys';

const PREFIX = 'audit-key';

/** A company's chain head: the sequence number and hash of its last entry. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** The audit key(s) and heads of one vault. */
export class AuditChainKeys {
  readonly #keys = new Map<string, AuditKey>();
  #heads: Record<string, AuditHead>;
  #saving: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<(companyIds: readonly string[]) => void>();
  /** Why the last save of the heads failed (it is retried with the next one), or null. */
  saveProblem: string | null = null;

  private constructor(
    private readonly vault: SecretVault,
    private readonly headAccount: string,
    readonly current: AuditKey,
    heads: Record<string, AuditHead>,
  ) {
    this.#keys.set(current.id, current);
    this.#heads = heads;
  }

  /**
   * Loads the audit key and the heads saved for the database `databaseId`. With `keyId` (the key the database
   * records) that key, or null when the vault lacks it; without, the vault's current key, created on first use.
   */
  static async open(vault: SecretVault, databaseId: string): Promise<AuditChainKeys>;
  static async open(vault: SecretVault, databaseId: string, keyId: string): Promise<AuditChainKeys | null>;
  static async open(vault: SecretVault, databaseId: string, keyId?: string): Promise<AuditChainKeys | null> {
    let current: AuditKey | null;
    if (keyId !== undefined) {
      current = await readKey(vault, keyId);
      if (current === null) return null;
    } else {
      const currentId = await currentVaultKeyId(vault, PREFIX);
      current = (currentId === null ? null : await readKey(vault, currentId)) ?? (await createKey(vault));
    }
    const headAccount = `audit-chain-head:${databaseId}`;
    return new AuditChainKeys(vault, headAccount, current, await readHeads(vault, headAccount));
  }

  /** A new audit key, made current in the vault (the one the database recorded is lost for good). */
  static async replaceKey(vault: SecretVault): Promise<string> {
    return (await createKey(vault)).id;
  }

  /** The current key's fingerprint (`keyFingerprint`), which the database records beside its id. */
  get fingerprint(): string {
    return keyFingerprint(PREFIX, this.current.bytes);
  }

  /** Where the keys are, in words, for messages. */
  get location(): string {
    return this.vault.location;
  }

  /** The key with this id, or null when the vault does not have it (asked again next time: it may be restored). */
  async keyFor(id: string): Promise<AuditKey | null> {
    const known = this.#keys.get(id) ?? (await readKey(this.vault, id));
    if (known) this.#keys.set(id, known);
    return known;
  }

  /** The last head this process knows for a company (saved or being saved), or null. */
  knownHead(companyId: string): AuditHead | null {
    return this.#heads[companyId] ?? null;
  }

  /** The head the vault holds for a company, read afresh, or null. */
  async head(companyId: string): Promise<AuditHead | null> {
    return (await readHeads(this.vault, this.headAccount))[companyId] ?? null;
  }

  /**
   * Calls `listener` with the companies whose logs grew, once each write that appended entries is durable (the audit
   * webhook starts delivering then). Returns the function that stops the calls.
   */
  onAppended(listener: (companyIds: readonly string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells the listeners which companies' logs grew (called by `withAuditChain` after a durable write). */
  announceAppended(companyIds: readonly string[]): void {
    for (const listener of this.#listeners) listener(companyIds);
  }

  /**
   * Moves the companies' heads forward (never back) and saves them in the vault; saves run one at a time. It never
   * fails the write that called it (that write is already durable): a vault that refuses is remembered in
   * `saveProblem`, and the heads go out with the next save.
   */
  saveHeads(heads: ReadonlyMap<string, AuditHead>): Promise<void> {
    this.#saving = this.#saving.then(async () => {
      for (const [companyId, head] of heads) {
        const known = this.#heads[companyId];
        if (!known || head.seq >= known.seq) this.#heads = { ...this.#heads, [companyId]: head };
      }
      try {
        await this.vault.set(this.headAccount, JSON.stringify(this.#heads));
        this.saveProblem = null;
      } catch (error) {
        this.saveProblem = error instanceof Error ? error.message : String(error);
      }
    });
    return this.#saving;
  }
}

async function createKey(vault: SecretVault): Promise<AuditKey> {
  const { id, bytes } = await createVaultKey(vault, PREFIX);
  return { id, bytes: new Uint8Array(bytes) };
}

async function readKey(vault: SecretVault, id: string): Promise<AuditKey | null> {
  const key = await readVaultKey(vault, PREFIX, id);
  return key === null || key === 'damaged' ? null : { id, bytes: new Uint8Array(key.bytes) };
}

async function readHeads(vault: SecretVault, account: string): Promise<Record<string, AuditHead>> {
  const stored = await vault.get(account);
  if (stored === null) return {};
  try {
    const parsed = JSON.parse(stored) as Record<string, AuditHead>;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
