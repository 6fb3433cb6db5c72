import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryUserDetail as ApiUserDetail } from '../../../shared/api/routes/admin-common';
import { ConsoleCache } from '../../console/cache/console-cache';
import type { ServiceClient } from '../../console/service-client';
import type { SecretVault } from '../../service/secrets/secret-vault';
import { ConsoleError } from '../console-error';
import { handlerTestRuntime } from './handler-test-runtime';
import { createInvitationHandlers } from './invitation-handlers';

const NEW_USER = { email: 'ines.moreau@northwind.example', name: 'Ines Moreau', country: 'FR', timeZone: 'Europe/Paris', accountType: 'standard' as const, validDays: 7 };

/** A service that answers every call, or breaks the connection on the named one. */
function fakeService(breaks: string | null = null) {
  const calls: { name: string; body: unknown }[] = [];
  const user: ApiUserDetail = {
    id: 'u-new', email: NEW_USER.email, name: NEW_USER.name, status: 'active', country: 'FR', timeZone: 'Europe/Paris', accountType: 'standard',
    permissions: { companyAdmin: 'none', directory: 'none', helpdesk: false }, sso: false, methods: [], enrolledAt: null, lastSignInAt: null, lockedUntil: null,
    createdAt: 0, changeSeq: 1, passwordSetAt: null, invitedAt: null, invitationExpiresAt: null,
    methodDetails: [], hasRecoveryCode: false, failedAttempts: 0, locked: false, alwaysRequireMfa: false, activeSessions: 0, updatedAt: 0, accessCode: null,
  };
  const client: ServiceClient = {
    setToken: () => undefined,
    call: (async (name: string, input: { body?: unknown }) => {
      calls.push({ name, body: input.body });
      if (name === breaks) throw new ConsoleError('service_unavailable', 'The connection broke before the service answered.', { details: { delivery: 'unknown' } });
      if (name === 'adminUserCreate') return user;
      if (name === 'adminUserCreateInvite') return { user, invitation: { userId: user.id, outcome: 'invited', message: 'Invitation sent.' } };
      throw new Error(`not expected: ${name}`);
    }) as ServiceClient['call'],
  };
  return { client, calls };
}

describe('adding a user with an invitation', () => {
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
    const { runtime, link } = handlerTestRuntime(service.client);
    const manager = { stored: () => ({ smtpUrl: null }), setMailServer: async () => undefined, runtime: { current: () => ({ mode: 'remote' as const }) } };
    const vault = { get: async () => null } as unknown as SecretVault;
    return { run: createInvitationHandlers(runtime, cache, manager as never, vault), link };
  }

  it('adds and invites in one request, so a broken connection cannot leave the user added but not invited', async () => {
    const service = fakeService();
    const { run, link } = handlers(service);
    const created = await run['invitations:create-user']({ ...NEW_USER, invite: true });
    expect(created.invitation).toMatchObject({ outcome: 'invited' });
    expect(service.calls).toEqual([{ name: 'adminUserCreateInvite', body: { email: NEW_USER.email, name: NEW_USER.name, country: 'FR', timeZone: 'Europe/Paris', accountType: 'standard', validDays: 7 } }]);
    link.stop();
  });

  it('adds and invites a Helpdesk person with their Helpdesk permission in the one request', async () => {
    const service = fakeService();
    const { run, link } = handlers(service);
    await run['invitations:create-user']({ ...NEW_USER, invite: true, permissions: { companyAdmin: 'none', directory: 'read_only', helpdesk: true } });
    expect(service.calls).toEqual([
      { name: 'adminUserCreateInvite', body: expect.objectContaining({ permissions: { companyAdmin: 'none', directory: 'read_only', helpdesk: true }, validDays: 7 }) },
    ]);
    link.stop();
  });

  it('without an invitation, one request too, and no invitation in the answer', async () => {
    const service = fakeService();
    const { run, link } = handlers(service);
    expect((await run['invitations:create-user']({ ...NEW_USER, invite: false })).invitation).toBeNull();
    expect(service.calls.map((call) => call.name)).toEqual(['adminUserCreate']);
    link.stop();
  });

  it('a connection that breaks is the only error: nothing was sent after it, and the words say its answer was lost', async () => {
    const service = fakeService('adminUserCreateInvite');
    const { run, link } = handlers(service);
    await expect(run['invitations:create-user']({ ...NEW_USER, invite: true })).rejects.toMatchObject({ code: 'service_unavailable', details: { delivery: 'unknown' } });
    expect(service.calls).toHaveLength(1);
    link.stop();
  });
});
