/**
 * A Store that hands every call to another: the base of a store that changes one part of what a store does (the
 * audit chain's binding, which gives each write its audit scope; tests' stores that count or interpose). A subclass
 * overrides what it changes and inherits the rest.
 */
import type { Transaction } from 'kysely';
import type { GuardedChange, WriteGuard } from './guarded-write';
import type { Database } from './schema';
import type { Store, WriteOptions } from './store';

export class DelegatingStore implements Store {
  constructor(readonly inner: Store) {}

  get engine() {
    return this.inner.engine;
  }

  get location() {
    return this.inner.location;
  }

  get db() {
    return this.inner.db;
  }

  write<T>(fn: (trx: Transaction<Database>) => Promise<T>, options?: WriteOptions): Promise<T> {
    return this.inner.write(fn, options);
  }

  writeIfUnchanged(guard: WriteGuard, changes: readonly GuardedChange[]): Promise<boolean> {
    return this.inner.writeIfUnchanged(guard, changes);
  }

  exclusive<T>(fn: () => Promise<T>, onWait?: () => void): Promise<T> {
    return this.inner.exclusive(fn, onWait);
  }

  ping(timeoutMs?: number): Promise<void> {
    return this.inner.ping(timeoutMs);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
