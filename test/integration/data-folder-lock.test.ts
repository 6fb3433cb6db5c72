/**
 * One process per data folder: a second standalone service or console on a folder in use is refused with a
 * message naming the first one (what it is, its pid, since when), and a lock left by a crashed process is taken
 * over. Services run as real child processes, like `npm run service`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleBackend } from '../../src-main/console/create-console';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { LOCK_FILE_NAME } from '../../src-main/service/store/folder-lock';
import { runServiceToExit, startServiceProcess, type ServiceProcess } from '../fixtures/service-process';

const SINCE = /running since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)/;

let dir: string;
const running: ServiceProcess[] = [];
let backend: ConsoleBackend | null = null;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mfa-folder-lock-'));
});

afterEach(async () => {
  for (const service of running.splice(0)) await service.stop();
  await backend?.close();
  backend = null;
  await rm(dir, { recursive: true, force: true });
});

async function service(data: string): Promise<ServiceProcess> {
  const started = await startServiceProcess(['--port', '0', '--data', data]);
  running.push(started);
  return started;
}

describe('a second process on a data folder in use', () => {
  it('service + service: the second one is refused, naming the first, and changes nothing', async () => {
    const first = await service(dir);
    const before = await readFile(path.join(dir, LOCK_FILE_NAME), 'utf8');
    const second = await runServiceToExit(['--port', '0', '--data', dir]);
    expect(second.code).toBe(1);
    expect(second.stdout).not.toMatch(/Service:/);
    expect(second.stderr).toContain(`is in use by the standalone MFA service (process ${first.pid}, `);
    expect(second.stderr).toMatch(SINCE);
    expect(await readFile(path.join(dir, LOCK_FILE_NAME), 'utf8')).toBe(before);
    expect((await fetch(`${first.url}/api/v1/health`)).status).toBe(200);
  });

  it('takes over the lock of a service that crashed (SIGKILL), and releases it on a clean stop', async () => {
    const crashed = await service(dir);
    await crashed.crash();
    running.splice(running.indexOf(crashed), 1);
    expect(existsSync(path.join(dir, LOCK_FILE_NAME)), 'a crash leaves its lock behind').toBe(true);
    const next = await service(dir);
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: next.pid });
    expect(await next.stop(), next.stderr()).toBe(0);
    running.splice(running.indexOf(next), 1);
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('console + service: a service on the console’s folder or its database folder is refused', async () => {
    backend = await createConsole({ dataDir: dir, host: 'browser', vault: new MemoryVault() });
    const onDatabase = await runServiceToExit(['--port', '0', '--data', path.join(dir, 'service')]);
    expect(onDatabase.code).toBe(1);
    expect(onDatabase.stderr).toContain(`is in use by the embedded service of MFA Admin Console (process ${process.pid}, `);
    const onConsole = await runServiceToExit(['--port', '0', '--data', dir]);
    expect(onConsole.code).toBe(1);
    expect(onConsole.stderr).toContain(`is in use by MFA Admin Console (process ${process.pid}, `);
    expect(onConsole.stderr).toMatch(SINCE);
  });

  it('service + console: a console on the service’s folder is refused before it starts anything', async () => {
    const first = await service(dir);
    await expect(createConsole({ dataDir: dir, host: 'browser', vault: new MemoryVault() })).rejects.toThrow(
      new RegExp(`is in use by the standalone MFA service \\(process ${first.pid}, running since`),
    );
    expect(existsSync(path.join(dir, 'service')), 'the refused console created no database').toBe(false);
  });

  it('console + console: a second console on the same folder is refused, naming the first', async () => {
    backend = await createConsole({ dataDir: dir, host: 'browser', vault: new MemoryVault() });
    await expect(createConsole({ dataDir: dir, host: 'browser', vault: new MemoryVault() })).rejects.toThrow(
      new RegExp(`is in use by MFA Admin Console \\(process ${process.pid}, running since`),
    );
  });
});
