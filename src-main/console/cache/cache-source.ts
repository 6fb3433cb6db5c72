/**
 * Where the console cache gets its data: an interface (so tests use an in-memory fake) and the implementation over
 * the service client (`ServiceCacheSource`), which reads the Admin API's changed-since sync.
 */
import type { DirectoryUser } from '../../../shared/api/routes/admin-common';
import { SYNC_LIMIT } from '../../../shared/api/routes/admin-directory';
import type { PolicyView } from '../../../shared/api/routes/admin-policy';
import type { ConsoleRuntime } from '../console-runtime';
import { IPC_ERROR } from '../../../shared/ipc/errors';
import { ConsoleError } from '../../ipc/console-error';
import type { CachedCompany } from './cache-file';

/** One page of the changed-since sync. */
export interface ChangesPage {
  users: DirectoryUser[];
  cursor: number;
  hasMore: boolean;
}

/** What the cache reads from the service. */
export interface CacheSource {
  /** The company, and a key naming the service it lives in (a different key means a different directory). */
  company(): Promise<{ company: CachedCompany; sourceKey: string }>;
  policy(): Promise<PolicyView>;
  /** Users changed after `since`, oldest change first. */
  changes(since: number, limit: number): Promise<ChangesPage>;
  /** Calls `listener` when the source now points elsewhere (another service or operator); returns an unsubscribe. */
  onChange?(listener: () => void): () => void;
}

/**
 * The cache source over the console's current service connection. While the service cannot be used, a sync fails at
 * once instead of waiting for a network timeout; the console syncs as soon as the service is back.
 */
export class ServiceCacheSource implements CacheSource {
  constructor(private readonly runtime: ConsoleRuntime) {}

  async company(): Promise<{ company: CachedCompany; sourceKey: string }> {
    if (!this.runtime.link.online) {
      const why = this.runtime.link.current.state === 'session_ended' ? 'the session with the MFA service has ended (sign in again in Settings)' : 'the MFA service cannot be reached';
      throw new ConsoleError(IPC_ERROR.offline, `${why}. The console shows this computer's copy and catches up by itself when the service is back.`);
    }
    const [overview, status] = await Promise.all([this.runtime.client().call('companyOverview', {}), this.runtime.status()]);
    return {
      company: { id: overview.id, name: overview.name, ssoDomains: overview.ssoDomains },
      sourceKey: `${status.mode}:${status.target}#${overview.id}`,
    };
  }

  policy(): Promise<PolicyView> {
    return this.runtime.client().call('adminPolicyGet', {});
  }

  changes(since: number, limit: number = SYNC_LIMIT.max): Promise<ChangesPage> {
    return this.runtime.client().call('adminUsersChanges', { query: { since, limit } });
  }

  onChange(listener: () => void): () => void {
    return this.runtime.onConnectionChange(listener);
  }
}
