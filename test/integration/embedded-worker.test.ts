/**
 * The embedded service in its worker thread: reached over a MessagePort with the HTTP contract, shut down
 * cleanly (requests in flight, and their writes, finish first), restarted after a crash with a plain-words
 * message for the console, and sealing the audit log with the key and head kept in the console's vault.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionManager } from '../../src-main/console/connection-manager';
import { startEmbeddedService, type EmbeddedService } from '../../src-main/console/embedded-service';
import { createServiceClient, type ServiceClient } from '../../src-main/console/service-client';
import { SettingsFile } from '../../src-main/console/settings-file';
import { ConsoleError } from '../../src-main/ipc/console-error';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { DEMO_ADMIN_EMAIL } from '../../src-main/service/seed/demo-company';

/** The console's vault, recording which accounts the worker writes through it. */
class RecordingVault extends MemoryVault {
  readonly writes: string[] = [];
  override async set(account: string, value: string): Promise<void> {
    this.writes.push(account);
    await super.set(account, value);
  }
}

let dataDir: string;
let vault: RecordingVault;
const workers: Worker[] = [];
const open: EmbeddedService[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'mfa-worker-'));
  vault = new RecordingVault();
  workers.length = 0;
});

afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts the service, keeping each worker it creates so a test can end one abruptly. */
function startTracked(): Promise<EmbeddedService> {
  return startEmbeddedService({
    dataDir,
    vault,
    createWorker: (entry, options) => {
      const worker = new Worker(entry, options);
      workers.push(worker);
      return worker;
    },
  });
}

async function start(): Promise<{ service: EmbeddedService; client: ServiceClient }> {
  const service = await startTracked();
  open.push(service);
  const client = createServiceClient(service.http);
  client.setToken(await service.signInAs(DEMO_ADMIN_EMAIL));
  return { service, client };
}

function csv(count: number, prefix: string): string {
  const rows = Array.from({ length: count }, (_, i) => `${prefix}${i}@northwind.example,Worker Test ${i},US,America/Chicago,standard,active`);
  return ['email,name,country,time_zone,account_type,status', ...rows].join('\n');
}

async function userCount(client: ServiceClient): Promise<number> {
  return (await client.call('adminUsersList', { query: { limit: 1 } })).total;
}

describe('the embedded service in a worker thread', () => {
  it('runs in a worker of its own and answers the HTTP contract over its port', async () => {
    const { client } = await start();
    expect(workers).toHaveLength(1);
    expect(workers[0]?.threadId).toBeGreaterThan(0);
    expect(await client.call('health', {})).toMatchObject({ status: 'ok' });
    expect((await client.call('me', {})).email).toBe(DEMO_ADMIN_EMAIL);
  });

  it('finishes a write in flight before it closes, and refuses requests that come after', async () => {
    const { service, client } = await start();
    const before = await userCount(client);
    const importing = client.call('adminUsersImport', { body: csv(2_000, 'closing') });
    await new Promise((resolve) => setImmediate(resolve));
    const closing = service.close();
    open.splice(open.indexOf(service), 1);
    const late = client.call('health', {}).then(
      () => 'answered',
      (error: unknown) => (error as Error).message,
    );
    expect(await importing).toMatchObject({ created: 2_000, failed: 0 });
    await closing;
    expect(await late).toMatch(/has been stopped|shutting down/);

    const { client: again } = await start();
    expect(await userCount(again)).toBe(before + 2_000);
  });

  it('restarts after a crash: the request it held fails in plain words, the console is told, the data is intact', async () => {
    const { service, client } = await start();
    const problems: string[] = [];
    service.onProblem((message) => problems.push(message));
    const before = await userCount(client);

    const held = client.call('adminUsersImport', { body: csv(20_000, 'crash') }).then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await workers[0]?.terminate();
    const error = await held;
    if (error !== null) {
      expect(error).toBeInstanceOf(ConsoleError);
      expect((error as ConsoleError).code).toBe('service_unavailable');
      expect((error as Error).message).toMatch(/stopped while handling this, and is being restarted\. Check whether the change was made/);
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^The embedded MFA service stopped unexpectedly at \d\d:\d\d .* and was restarted\. A change being made at that moment may not have been saved: check it\.$/);

    expect((await client.call('me', {})).email, 'the same session works with the new worker').toBe(DEMO_ADMIN_EMAIL);
    expect(workers).toHaveLength(2);
    const after = await userCount(client);
    expect([before, before + 20_000], 'the import is all there or not at all').toContain(after);
  });

  it('seals the audit log with the audit key of the console’s vault and saves its head there once per write', async () => {
    const { service, client } = await start();
    const headWrites = () => vault.writes.filter((account) => account.startsWith('audit-chain-head:'));
    expect(vault.writes.some((account) => account.startsWith('audit-key:'))).toBe(true);
    const before = headWrites().length;
    expect(await client.call('adminUsersImport', { body: csv(300, 'sealed') })).toMatchObject({ created: 300, failed: 0 });
    expect(headWrites().length - before, 'one head save for the import’s write, whatever its entries').toBe(1);
    const [account] = headWrites();
    const heads = JSON.parse((await vault.get(account ?? '')) ?? '{}') as Record<string, { seq: number; hash: string }>;
    const [head] = Object.values(heads);
    expect(head?.hash).toMatch(/^[a-z0-9]+:[0-9a-f]{64}$/);
    expect(await client.call('adminAuditVerify', {})).toMatchObject({ ok: true, brokenAt: null });
    await service.close();
    open.splice(open.indexOf(service), 1);

    const db = new DatabaseSync(service.databaseFile);
    db.prepare('delete from audit_log where seq = ?').run(head?.seq ?? 0);
    db.close();
    const { client: again } = await start();
    expect(await again.call('adminAuditVerify', {})).toMatchObject({ ok: false, brokenAt: { reason: 'tail_missing', seq: head?.seq } });
  });

  it('shows the crash in the console’s status bar', async () => {
    const manager = await ConnectionManager.start({
      dataDir,
      vault,
      settingsFile: new SettingsFile(dataDir),
      host: 'browser',
      startEmbedded: startTracked,
    });
    try {
      await workers[0]?.terminate();
      await expect.poll(async () => (await manager.runtime.status()).warnings.join('\n'), { timeout: 60_000 }).toMatch(/stopped unexpectedly .* and was restarted/);
      expect((await manager.runtime.status()).state).toBe('connected');
    } finally {
      await manager.close();
    }
  });
});
