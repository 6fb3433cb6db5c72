/** The bench's MFA service: the embedded service in a temp folder, with the console's client acting as the demo admin. */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { ConnectionRuntime, type ConsoleRuntime } from '../../src-main/console/console-runtime';
import { startEmbeddedService, type EmbeddedService } from '../../src-main/console/embedded-service';
import { OfflineCopy } from '../../src-main/console/offline/offline-copy';
import { createServiceClient, type ServiceClient } from '../../src-main/console/service-client';
import { DEMO_ADMIN_EMAIL } from '../../src-main/service/seed/demo-company';
import { openVault } from '../../src-main/service/secrets/open-vault';
import { nextChangeSeq } from '../../src-main/service/store/change-seq';
import { openStore } from '../../src-main/service/store/store';
import { benchRow } from './bench-directory';

/** A running bench service. */
export interface BenchService {
  service: EmbeddedService;
  client: ServiceClient;
  runtime: ConsoleRuntime;
  /** The console's offline copy (the handlers keep what the service answers in it). */
  copy: OfflineCopy;
  close(): Promise<void>;
}

/** Starts the embedded service (demo company seeded) under `dataDir`. */
export async function startBenchService(dataDir: string): Promise<BenchService> {
  // A key file in the data folder, so another process (the RSS figure's) can open the same data.
  const service = await startEmbeddedService({ dataDir, vault: await openVault({ dir: dataDir, prefer: 'file' }) });
  const client = createServiceClient(service.http);
  client.setToken(await service.signInAs(DEMO_ADMIN_EMAIL));
  const connection = { mode: 'embedded' as const, client, target: service.databaseFile, close: () => service.close() };
  const runtime = new ConnectionRuntime(connection, 'browser');
  const copy = await OfflineCopy.open({ file: path.join(dataDir, 'cache', 'offline.json') });
  return { service, client, runtime, copy, close: () => service.close() };
}

/** The baseline of the import: a fresh store, then one INSERT per user in one durable write. Returns milliseconds. */
export async function insertLoop(dataDir: string, users: number): Promise<number> {
  const store = await openStore({ file: `${dataDir}/plain.sqlite` });
  try {
    const now = Date.now();
    const start = performance.now();
    await store.write(async (trx) => {
      await trx.insertInto('companies').values({ id: 'bench', name: 'Bench', sso_domains: '[]', is_demo: 0, clock_offset_ms: 0, created_at: now }).execute();
      for (let i = 0; i < users; i++) {
        await trx.insertInto('users').values(benchRow(i, 'bench', now, await nextChangeSeq(trx))).execute();
      }
    });
    return performance.now() - start;
  } finally {
    await store.close();
  }
}
