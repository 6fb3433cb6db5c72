/**
 * The MFA service hosted in the console's main process (R-CON-1 embedded mode): its database lives in the
 * console's data folder, the demo company is seeded on first start, and calls go through Fastify inject.
 */
import path from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../service/app';
import { createTrustedSession } from '../service/auth/trusted-session';
import type { Clock } from '../service/clock';
import { DEMO_ADMIN_EMAIL } from '../service/seed/demo-company';
import { isEmptyStore, seedDemoCompany } from '../service/seed/seed-demo';
import { openStore, type Store } from '../service/store/store';
import { APP_VERSION } from '../version';
import { createInjectAdapter } from './inject-adapter';

/** A running embedded service. */
export interface EmbeddedService {
  app: FastifyInstance;
  store: Store;
  http: AxiosInstance;
  /** Where the database file lives. */
  databaseFile: string;
  /** Mints an operator session for a directory user (the console acts as them). */
  signInAs(email: string): Promise<string | null>;
  close(): Promise<void>;
}

/** Opens (or creates and seeds) the embedded service under `dataDir`. */
export async function startEmbeddedService(options: { dataDir: string; clock: Clock }): Promise<EmbeddedService> {
  const databaseFile = path.join(options.dataDir, 'service', 'mfa.sqlite');
  const store = await openStore({ file: databaseFile });
  try {
    if (await isEmptyStore(store)) await seedDemoCompany(store, options.clock.now());
    const app = await buildApp({ store, clock: options.clock, version: APP_VERSION });
    const http = axios.create({ adapter: createInjectAdapter(app), baseURL: '/' });
    return {
      app,
      store,
      http,
      databaseFile,
      signInAs: (email) => createTrustedSession(store, email, options.clock.now()),
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The operator the embedded console acts as on a fresh demo. */
export const DEFAULT_EMBEDDED_OPERATOR = DEMO_ADMIN_EMAIL;
