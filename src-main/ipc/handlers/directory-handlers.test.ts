import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BULK_DEACTIVATE_MAX } from '../../../shared/api/routes/admin-directory';
import { ConsoleCache } from '../../console/cache/console-cache';
import { DirectoryImports } from '../../console/directory-import/directory-import';
import { OfflineCopy } from '../../console/offline/offline-copy';
import type { ServiceClient } from '../../console/service-client';
import { ConsoleError } from '../console-error';
import { handlerTestRuntime } from './handler-test-runtime';
import { createDirectoryHandlers } from './directory-handlers';

/** A service whose bulk deactivation answers part by part as the test says. */
function fakeService(answers: ('ok' | 'refused' | 'broken')[]) {
  const parts: number[] = [];
  const client: ServiceClient = {
    setToken: () => undefined,
    call: (async (name: string, input: { body?: { userIds: string[] } }) => {
      if (name !== 'adminUsersBulkDeactivate') throw new ConsoleError('service_unavailable', 'down', { details: { delivery: 'not_sent' } });
      const ids = input.body?.userIds ?? [];
      const answer = answers[parts.length] ?? 'ok';
      parts.push(ids.length);
      if (answer === 'refused') throw new ConsoleError('service_unavailable', 'The MFA service cannot be reached, so this was not done.', { details: { delivery: 'not_sent' } });
      if (answer === 'broken') throw new ConsoleError('service_unavailable', 'The connection broke before the service answered.', { details: { delivery: 'unknown' } });
      return { deactivated: ids.length, sessionsEnded: 0, skipped: [] };
    }) as ServiceClient['call'],
  };
  return { client, parts };
}

describe('bulk deactivation that meets an outage', () => {
  let dir: string;
  let cache: ConsoleCache;
  let copy: OfflineCopy;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-directory-handlers-'));
    cache = await ConsoleCache.open({ file: path.join(dir, 'directory.json') });
    copy = await OfflineCopy.open({ file: path.join(dir, 'offline.json') });
  });
  afterEach(async () => {
    await cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function handlers(service: ReturnType<typeof fakeService>) {
    const { runtime, link } = handlerTestRuntime(service.client);
    return { run: createDirectoryHandlers(runtime, cache, new DirectoryImports(), copy), link };
  }

  const ids = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

  it('keeps the parts done and says which users are in doubt and which were not sent', async () => {
    const service = fakeService(['ok', 'broken']);
    const { run, link } = handlers(service);
    const result = await run['directory:deactivate']({ ids: ids(2 * BULK_DEACTIVATE_MAX + 5) });
    expect(result).toMatchObject({ deactivated: BULK_DEACTIVATE_MAX, stopped: { inDoubt: BULK_DEACTIVATE_MAX, notSent: 5, message: expect.stringMatching(/connection broke/) } });
    expect(service.parts).toEqual([BULK_DEACTIVATE_MAX, BULK_DEACTIVATE_MAX]);
    expect(link.current.state).toBe('unreachable');
    link.stop();
  });

  it('stops at a part that could not be sent: it and the rest were not changed, none is in doubt', async () => {
    const service = fakeService(['ok', 'refused']);
    const { run, link } = handlers(service);
    const result = await run['directory:deactivate']({ ids: ids(3 * BULK_DEACTIVATE_MAX) });
    expect(result).toMatchObject({ deactivated: BULK_DEACTIVATE_MAX, stopped: { inDoubt: 0, notSent: 2 * BULK_DEACTIVATE_MAX } });
    expect(service.parts).toHaveLength(2);
    link.stop();
  });

  it('a first part that fails is the error itself: nothing was done', async () => {
    const { run, link } = handlers(fakeService(['refused']));
    await expect(run['directory:deactivate']({ ids: ids(3) })).rejects.toMatchObject({ code: 'service_unavailable', message: expect.stringMatching(/not done/) });
    link.stop();
  });
});
