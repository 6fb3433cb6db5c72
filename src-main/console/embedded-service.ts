/**
 * The MFA service hosted in the console's main process (R-CON-1 embedded mode): its database lives in the
 * console's data folder, the demo company is seeded on first start, and calls go through Fastify inject.
 */
import path from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../service/app';
import { withAuditChain } from '../service/audit/keyed-audit-store';
import { openServiceKeys } from '../service/auth/service-keys';
import { createTrustedSession } from '../service/auth/trusted-session';
import type { Clock } from '../service/clock';
import { openVault } from '../service/secrets/open-vault';
import type { SecretVault } from '../service/secrets/secret-vault';
import { DEMO_ADMIN_EMAIL } from '../service/seed/demo-company';
import { isEmptyStore, seedDemoCompany } from '../service/seed/seed-demo';
import { seedDemoEnrollments } from '../service/seed/seed-demo-enrollments';
import { OutboxSmsSender } from '../service/sms/outbox-sms-sender';
import { openStore, type Store } from '../service/store/store';
import { APP_VERSION } from '../version';
import { createInjectAdapter } from './inject-adapter';
import { makePrivateDir } from './private-dir';

/** A running embedded service. */
export interface EmbeddedService {
  app: FastifyInstance;
  store: Store;
  http: AxiosInstance;
  /** Where the database file lives. */
  databaseFile: string;
  /** Plain-words warnings for the console's status bar (e.g. the data key kept in a file, not a keychain). */
  warnings: string[];
  /** Mints an operator session for a directory user (the console acts as them). */
  signInAs(email: string): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * Opens (or creates and seeds) the embedded service under `dataDir`. Its data key comes from `vault` (the
 * console's), else from the keychain or a 0600 key file beside the database. SMS go to an in-memory outbox the
 * simulator reads; demo tools are on; per-IP rate limits are off (every call comes from this process).
 */
export async function startEmbeddedService(options: { dataDir: string; clock: Clock; vault?: SecretVault }): Promise<EmbeddedService> {
  const databaseFile = path.join(options.dataDir, 'service', 'mfa.sqlite');
  makePrivateDir(path.dirname(databaseFile));
  const opened = await openStore({ file: databaseFile });
  try {
    const vault = options.vault ?? (await openVault({ dir: path.dirname(databaseFile) }));
    const keys = await openServiceKeys(vault, opened);
    const store = withAuditChain(opened, keys.audit);
    if (await isEmptyStore(store)) {
      await seedDemoCompany(store, options.clock.now());
      await seedDemoEnrollments(store, keys.sealer, options.clock.now());
    }
    const mfa = { keys, sms: new OutboxSmsSender(), demoTools: true, rateLimits: 'off' as const };
    const app = await buildApp({ store, clock: options.clock, version: APP_VERSION, mfa });
    const http = axios.create({ adapter: createInjectAdapter(app), baseURL: '/' });
    return {
      app,
      store,
      http,
      databaseFile,
      warnings: [...keys.warnings],
      signInAs: (email) => createTrustedSession(store, email, options.clock.now()),
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

/** The operator the embedded console acts as on a fresh demo. */
export const DEFAULT_EMBEDDED_OPERATOR = DEMO_ADMIN_EMAIL;
