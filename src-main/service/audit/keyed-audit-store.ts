/**
 * Binds the audit chain to a store (R-AUD-1): a Store whose `write` gives each transaction an audit scope — the key
 * new entries are sealed with, and the heads they move — and, once the transaction is durable, saves those heads in
 * the vault: once per write transaction, whatever the number of entries (an import appends thousands). It works
 * through the `write` API alone, so any engine behind it behaves the same. Audit entries can only be appended
 * inside such a write (`auditScopeOf`), so no entry is ever written unkeyed. Once a write that appended entries is
 * durable, the chain's listeners hear which companies' logs grew (the audit webhook delivers them).
 *
 * Appending reads the company's newest entry and chains to it, which is only safe in a write that runs as if alone.
 * A one-user write (WriteOptions.oneUser) on PostgreSQL is not one, so an append there stops it, and the whole write
 * runs again as an ordinary, serializable one.
 */
import type { Transaction } from 'kysely';
import type { AuditKey } from '../../../shared/domain/audit-chain';
import { DelegatingStore } from '../store/delegating-store';
import type { Database } from '../store/schema';
import type { Store, WriteOptions } from '../store/store';
import type { AuditChainKeys, AuditHead } from './audit-chain-keys';

/** What one write transaction appends to the audit log: the key to seal with and each company's new head. */
export interface AuditWriteScope {
  readonly key: AuditKey;
  readonly heads: Map<string, AuditHead>;
  /** The head the vault last recorded for a company (what the log's end must be), or null. */
  recordedHead(companyId: string): AuditHead | null;
  /** A one-user write on PostgreSQL (not serializable): appending stops it, to run again serializable. */
  readonly oneUser: boolean;
}

/** Thrown inside a one-user write that went to append an audit entry; the store runs that write again serializable. */
class SerializableWriteNeeded extends Error {
  constructor() {
    super('An audit entry needs a serializable write; this one-user write runs again as one.');
  }
}

const scopes = new WeakMap<Transaction<Database>, AuditWriteScope>();

/** The audit scope of a write transaction; throws when the store it came from has no audit chain bound. */
export function auditScopeOf(trx: Transaction<Database>): AuditWriteScope {
  const scope = scopes.get(trx);
  if (!scope) throw new Error('Audit entries can only be written inside a write of a store bound to the audit chain (withAuditChain).');
  if (scope.oneUser) throw new SerializableWriteNeeded();
  return scope;
}

/**
 * A store whose writes each carry an audit scope. Everything else is the inner store's, guarded writes
 * (`writeIfUnchanged`) included: they append no audit entry, since entries are appended only inside `write`.
 */
class AuditChainedStore extends DelegatingStore {
  constructor(
    inner: Store,
    readonly chain: AuditChainKeys,
  ) {
    super(inner);
  }

  override async write<T>(fn: (trx: Transaction<Database>) => Promise<T>, options?: WriteOptions): Promise<T> {
    // SQLite runs every write alone: a one-user write there may append like any other.
    const oneUser = options?.oneUser !== undefined && this.inner.engine === 'postgres';
    const run = (asOneUser: boolean) =>
      this.inner.write(async (trx) => {
        const scope: AuditWriteScope = {
          key: this.chain.current,
          heads: new Map(),
          recordedHead: (companyId) => this.chain.knownHead(companyId),
          oneUser: asOneUser,
        };
        scopes.set(trx, scope);
        try {
          return { value: await fn(trx), heads: scope.heads };
        } finally {
          scopes.delete(trx);
        }
      }, asOneUser ? options : undefined);
    const { value, heads } = oneUser
      ? await run(true).catch((error: unknown) => {
          if (error instanceof SerializableWriteNeeded) return run(false);
          throw error;
        })
      : await run(false);
    if (heads.size > 0) {
      await this.chain.saveHeads(heads);
      this.chain.announceAppended([...heads.keys()]);
    }
    return value;
  }
}

/** `store` with the audit chain bound; the same store again when it is already bound to this chain. */
export function withAuditChain(store: Store, chain: AuditChainKeys): Store {
  if (store instanceof AuditChainedStore) {
    if (store.chain === chain) return store;
    throw new Error('This store is already bound to another audit key: open the service keys once per store.');
  }
  return new AuditChainedStore(store, chain);
}
