/**
 * What a service does on its database before it answers anyone, under the database's start-up lock so that
 * instances starting at once on one database take turns: open the vault (inside the lock, so a key file another
 * instance just wrote is read as it is now), open or create the keys and record them, and seed the demo company into
 * an empty database. The first instance creates; the others find what it made.
 */
import { withAuditChain } from './audit/keyed-audit-store';
import { openServiceKeys, type OpenKeysOptions, type ServiceKeys } from './auth/service-keys';
import type { SecretVault } from './secrets/secret-vault';
import { isEmptyStore, seedDemoCompany } from './seed/seed-demo';
import { seedDemoEnrollments } from './seed/seed-demo-enrollments';
import type { Store } from './store/store';

/** How to start. */
export interface StartUpOptions extends OpenKeysOptions {
  /** Seed the demo company when the database holds no company yet. */
  seedDemo: boolean;
  /** The seed's time (epoch ms). */
  now: number;
  /** Called when another instance holds the lock, so this one waits. */
  onWait?: () => void;
}

/** The store bound to the audit chain, the vault and keys, and whether the demo company was seeded by this start. */
export interface StartedStore {
  store: Store;
  vault: SecretVault;
  keys: ServiceKeys;
  seeded: boolean;
}

/** Runs the start-up steps on `opened` under its start-up lock. */
export async function startUp(opened: Store, openVault: () => Promise<SecretVault>, options: StartUpOptions): Promise<StartedStore> {
  return opened.exclusive(async () => {
    const vault = await openVault();
    const keys = await openServiceKeys(vault, opened, options);
    const store = withAuditChain(opened, keys.audit);
    const seeded = options.seedDemo && (await isEmptyStore(store));
    if (seeded) {
      await seedDemoCompany(store, options.now);
      await seedDemoEnrollments(store, keys.sealer, options.now);
    }
    return { store, vault, keys, seeded };
  }, options.onWait);
}
