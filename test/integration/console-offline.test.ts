/**
 * R-CON-4 over a real standalone service process that stops and comes back under a console connected to it:
 * read-only from the console's copy (also across a console restart), changes refused with nothing sent, an import
 * that meets the outage says what was done, the console catching up by itself, and a session the service no longer
 * knows told apart from an outage.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../shared/ipc/define';
import type { RemoteSignInStep } from '../../shared/ipc/channels/settings';
import { totpCode } from '../../shared/domain/totp';
import { remoteTokenAccount } from '../../src-main/console/connection-manager';
import { createConsole, type ConsoleBackend } from '../../src-main/console/create-console';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { startRestartableService, type RestartableService } from '../fixtures/restartable-service';

function value<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** How long the console may take to notice the service is back by itself (its waits reach 30 s). */
const CATCH_UP_MS = 90_000;
/** How long a screen may take to show what the test waits for on a busy machine. */
const WAIT = { timeout: 20_000 };

describe('the console while its remote service is away', () => {
  let service: RestartableService;
  let dataDir: string;
  let vault: MemoryVault;
  let backend: ConsoleBackend;
  let lukasId = '';
  const call = <T>(channel: string, payload: unknown = {}) => backend.dispatch(channel, payload) as Promise<IpcResult<T>>;
  const status = async () => value(await call<{ state: string; since: number | null; nextRetryAt: number | null; problem: string | null }>('app:status'));

  beforeAll(async () => {
    service = await startRestartableService();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-console-offline-'));
    vault = new MemoryVault();
    backend = await createConsole({ dataDir, host: 'browser', vault });
    value(await call('settings:remote-begin', { url: service.url, email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD }));
    const setup = value(await call<RemoteSignInStep>('settings:remote-setup-app'));
    if (setup.step !== 'totp_setup') throw new Error(`expected totp_setup, got ${setup.step}`);
    value(await call('settings:remote-confirm-app', { code: totpCode(setup.secretGrouped.replace(/\s+/g, ''), Date.now()) }));
    expect(value(await call<RemoteSignInStep>('settings:remote-acknowledge', { saved: true }))).toMatchObject({ step: 'connected' });
    value(await call('directory:refresh'));
  });
  afterAll(async () => {
    await backend?.close();
    await service?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps what the screens showed while the service answered', async () => {
    expect(value(await call('dashboard:report'))).toMatchObject({ fromCopy: false });
    expect(value(await call('dashboard:overview'))).toMatchObject({ fromCopy: false });
    expect(value(await call('dashboard:enrollment-history', { timeZone: 'Europe/Berlin' }))).toMatchObject({ timeZone: 'Europe/Berlin' });
    expect(value(await call('policy:history', { limit: 20 }))).toMatchObject({ fromCopy: false });
    expect(value(await call<{ entries: unknown[] }>('audit:list', { limit: 50 })).entries.length).toBeGreaterThan(0);
    const page = value(await call<{ rows: { id: string; name: string }[] }>('directory:query', { search: 'lukas' }));
    lukasId = page.rows[0]?.id ?? '';
    expect(value(await call('directory:user', { id: lukasId }))).toMatchObject({ name: 'Lukas Becker', fromCopy: false });
    expect(value(await call('settings:get'))).toMatchObject({ operatorStatus: 'confirmed', operator: { email: DEMO_ADMIN_EMAIL } });
  });

  it('works read-only from its copy once the service stops, and refuses changes without sending them', async () => {
    const before = value(await call<{ counts: unknown }>('dashboard:report'));
    await service.stop();
    const report = value(await call<{ counts: unknown; fromCopy: boolean }>('dashboard:report'));
    expect(report).toMatchObject({ fromCopy: true, counts: before.counts });
    const offline = await status();
    expect(offline).toMatchObject({ state: 'offline' });
    expect(offline.since).toBeGreaterThan(Date.now() - 60_000);
    expect(offline.nextRetryAt).toBeGreaterThan(offline.since ?? 0);

    expect(value(await call('dashboard:overview'))).toMatchObject({ fromCopy: true, companyName: 'Northwind Builders' });
    expect(value(await call('dashboard:enrollment-history', { timeZone: 'Europe/Berlin' }))).toMatchObject({ timeZone: 'Europe/Berlin', days: expect.arrayContaining([expect.anything()]) });
    expect(await call('dashboard:enrollment-history', { timeZone: 'Asia/Tokyo' })).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(value(await call('policy:get'))).toMatchObject({ fromCopy: true, canChange: true, operatorEmail: DEMO_ADMIN_EMAIL });
    expect(value(await call('policy:preview', { date: '2027-03-01', zone: 'Europe/Berlin' }))).toMatchObject({ source: 'cache' });
    expect(value(await call('policy:history', { limit: 20 }))).toMatchObject({ fromCopy: true });
    expect(value(await call<{ entries: unknown[]; fromCopy: boolean }>('audit:list', { limit: 50 }))).toMatchObject({ fromCopy: true, entries: expect.arrayContaining([expect.anything()]) });
    expect(await call('audit:list', { limit: 50, actor: 'camille' })).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringMatching(/Clear the filters/) } });
    expect(value(await call<{ total: number }>('directory:query', { search: 'lukas' })).total).toBe(1);
    expect(value(await call('directory:user', { id: lukasId }))).toMatchObject({ name: 'Lukas Becker', fromCopy: true });
    expect(value(await call('settings:get'))).toMatchObject({ operatorStatus: 'remembered', operator: { email: DEMO_ADMIN_EMAIL, companyAdmin: 'admin', helpdesk: false } });

    expect(await call('directory:unlock', { id: lukasId })).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringMatching(/nothing was sent and nothing changed/) } });
    expect(await call('policy:save', { version: 1, lockoutThreshold: 6 })).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await call('reset:triage', { email: 'lukas.becker@northwind.example', timeZone: 'UTC' })).toMatchObject({ ok: false, error: { code: 'offline' } });
  });

  it('shows the same copy after a restart during the outage, and says the outage began before it', async () => {
    const since = (await status()).since;
    await backend.close();
    const copy = readFileSync(path.join(dataDir, 'cache', 'offline.json'), 'utf8');
    const token = await vault.get(remoteTokenAccount(service.url));
    expect(token).toBeTruthy();
    expect(copy).not.toContain(token ?? '');
    backend = await createConsole({ dataDir, host: 'browser', vault });
    await expect.poll(async () => (await status()).state, { timeout: 30_000 }).toBe('offline');
    expect((await status()).since).toBe(since);
    expect(value(await call('dashboard:report'))).toMatchObject({ fromCopy: true });
    expect(value(await call('directory:user', { id: lukasId }))).toMatchObject({ fromCopy: true });
    expect(value(await call<{ entries: unknown[] }>('audit:list', { limit: 50 })).entries.length).toBeGreaterThan(0);
    expect(value(await call('settings:get'))).toMatchObject({ mode: 'remote', operatorStatus: 'remembered' });
  });

  it('catches up by itself once the service is back: no retry asked, no restart', async () => {
    await service.start();
    await expect.poll(async () => (await status()).state, { timeout: CATCH_UP_MS, interval: 500 }).toBe('connected');
    expect(await status()).toMatchObject({ since: null, nextRetryAt: null, problem: null });
    expect(value(await call('dashboard:report'))).toMatchObject({ fromCopy: false });
    expect(value(await call('policy:get'))).toMatchObject({ fromCopy: false });
    await expect.poll(async () => value(await call<{ cache: { state: string } }>('directory:query', {})).cache.state, WAIT).toBe('ready');
    expect(value(await call('directory:user', { id: lukasId }))).toMatchObject({ fromCopy: false });
  });

  it('an import the outage interrupts says which lines were imported and which were not; importing again is safe', async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => `import.person${String(i).padStart(5, '0')}@northwind.example,Import Person ${i},DE,Europe/Berlin`);
    const header = 'email,name,country,time_zone\n';
    const first = header + rows.slice(0, 4_000).join('\n') + '\n';
    const rest = rows.slice(4_000).join('\n') + '\n';
    const start = async () => value(await call<{ importId: string }>('directory:import-start', { fileName: 'people.csv', totalBytes: first.length + rest.length, mode: 'apply' })).importId;

    const importId = await start();
    const part = value(await call<{ created: number; finished: boolean }>('directory:import-chunk', { importId, text: first, last: false }));
    expect(part).toMatchObject({ finished: false });
    const sent = part.created;
    expect(sent).toBeGreaterThan(0);
    await service.stop();
    const stopped = value(await call<{ finished: boolean; created: number; stopped: unknown }>('directory:import-chunk', { importId, text: rest, last: true }));
    expect(stopped).toMatchObject({ finished: true, created: sent, stopped: { inDoubt: null, doneThroughLine: sent + 1, notDoneFromLine: sent + 2 } });

    await service.start();
    await expect.poll(async () => (await status()).state, { timeout: CATCH_UP_MS, interval: 500 }).toBe('connected');
    const again = await start();
    value(await call('directory:import-chunk', { importId: again, text: first, last: false }));
    const done = value(await call('directory:import-chunk', { importId: again, text: rest, last: true }));
    expect(done).toMatchObject({ finished: true, stopped: null, unchanged: sent, created: 6_000 - sent, failed: 0 });
  });

  it('tells a session the service no longer knows from an outage: sign in again, no retries', async () => {
    const token = (await vault.get(remoteTokenAccount(service.url))) ?? '';
    const signOut = await fetch(`${service.url}/api/v1/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(signOut.status).toBe(200);
    expect(value(await call('dashboard:report'))).toMatchObject({ fromCopy: true });
    const ended = await status();
    expect(ended).toMatchObject({ state: 'session_ended', nextRetryAt: null, problem: expect.stringMatching(/Sign in again in Settings/) });
    expect(await call('directory:unlock', { id: lukasId })).toMatchObject({ ok: false, error: { code: 'session_ended', message: expect.stringMatching(/Sign in again/) } });
    expect(value(await call('settings:get'))).toMatchObject({ operatorStatus: 'session_ended', operator: { email: DEMO_ADMIN_EMAIL } });
  });
});
