import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleCache } from '../../console/cache/console-cache';
import type { ConsoleRuntime } from '../../console/console-runtime';
import { linkedClient } from '../../console/link/linked-client';
import { ServiceLink } from '../../console/link/service-link';
import type { ServiceClient } from '../../console/service-client';
import type { SecretVault } from '../../service/secrets/secret-vault';
import { ConsoleError } from '../console-error';
import { createInvitationHandlers } from './invitation-handlers';

const NEW_USER = { email: 'ines.moreau@northwind.example', name: 'Ines Moreau', country: 'FR', timeZone: 'Europe/Paris', accountType: 'standard' as const, validDays: 7 };

/** A service that adds the user, then fails the named call as the connection breaking would. */
function fakeService(breaks: 'adminUserCreate' | 'adminUsersInvite' | 'adminUserGet') {
  const calls: string[] = [];
  const client: ServiceClient = {
    setToken: () => undefined,
    call: (async (name: string) => {
      calls.push(name);
      if (name === breaks) throw new ConsoleError('service_unavailable', 'The connection broke before the service answered.', { details: { delivery: 'unknown' } });
      if (name === 'adminUserCreate') return { id: 'u-new', name: NEW_USER.name, email: NEW_USER.email };
      throw new Error(`not expected: ${name}`);
    }) as ServiceClient['call'],
  };
  return { client, calls };
}

describe('adding a user with an invitation when the connection breaks part-way', () => {
  let dir: string;
  let cache: ConsoleCache;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-invitation-handlers-'));
    cache = await ConsoleCache.open({ file: path.join(dir, 'directory.json') });
  });
  afterEach(async () => {
    await cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function handlers(service: ReturnType<typeof fakeService>) {
    const link = new ServiceLink({ probe: async () => ({ kind: 'unreachable', message: 'down' }) });
    const runtime: ConsoleRuntime = {
      client: () => linkedClient(service.client, link, () => 'ended'),
      link,
      status: async () => {
        throw new Error('not asked');
      },
      sourceKey: () => 'remote:test',
      onConnectionChange: () => () => undefined,
    };
    const manager = { stored: () => ({ smtpUrl: null }), setMailServer: async () => undefined, runtime: { current: () => ({ mode: 'remote' as const }) } };
    const vault = { get: async () => null } as unknown as SecretVault;
    return { run: createInvitationHandlers(runtime, cache, manager as never, vault), link };
  }

  it('says the user was added and the invitation may not have gone out, so nobody adds them twice', async () => {
    const service = fakeService('adminUsersInvite');
    const { run, link } = handlers(service);
    await expect(run['invitations:create-user']({ ...NEW_USER, invite: true })).rejects.toMatchObject({
      code: 'service_unavailable',
      message: expect.stringMatching(/^Ines Moreau \(ines\.moreau@northwind\.example\) was added, then the connection to the MFA service was lost\. The invitation may not have been sent/),
    });
    expect(service.calls).toEqual(['adminUserCreate', 'adminUsersInvite']);
    link.stop();
  });

  it('without an invitation, says only that the user was added when reading them back breaks', async () => {
    const { run, link } = handlers(fakeService('adminUserGet'));
    const refusal = run['invitations:create-user']({ ...NEW_USER, invite: false });
    await expect(refusal).rejects.toMatchObject({ message: 'Ines Moreau (ines.moreau@northwind.example) was added, then the connection to the MFA service was lost.' });
    link.stop();
  });

  it('a failed add is the error itself: nobody was added, so it does not say they were', async () => {
    const service = fakeService('adminUserCreate');
    const { run, link } = handlers(service);
    const refusal = run['invitations:create-user']({ ...NEW_USER, invite: true });
    await expect(refusal).rejects.toMatchObject({ message: 'The connection broke before the service answered.' });
    expect(service.calls).toEqual(['adminUserCreate']);
    link.stop();
  });
});
