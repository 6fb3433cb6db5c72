import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../shared/ipc/contract';
import type { Handlers } from '../../ipc/dispatch';
import { gateOffline, NEEDS_SERVICE } from './offline-gate';
import { linkedClient } from './linked-client';
import { ServiceLink } from './service-link';
import type { ServiceClient } from '../service-client';
import { ConsoleError } from '../../ipc/console-error';

/** Handlers that count their calls. */
function counting() {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_, channel: string) => async () => {
      calls.push(channel);
      return { ok: true };
    },
  });
  return { handlers, calls };
}

describe('the offline gate', () => {
  it('refuses every channel that needs the service while it cannot be reached, sending nothing', async () => {
    const { handlers, calls } = counting();
    const link = new ServiceLink({ probe: async () => ({ kind: 'unreachable', message: 'down' }) });
    const gated = gateOffline(handlers, link);
    link.lost('down');
    await expect(gated['directory:unlock']({ id: 'u1' })).rejects.toMatchObject({
      code: 'offline',
      message: "Unlocking a user's MFA needs the MFA service, which cannot be reached right now, so nothing was sent and nothing changed. The console keeps trying by itself; do it again once it is back online.",
    });
    expect(calls).toEqual([]);
    link.stop();
  });

  it('refuses issuing or withdrawing a temporary access code and reading sign-in activity, in the same words', async () => {
    const { handlers, calls } = counting();
    const link = new ServiceLink({ probe: async () => ({ kind: 'unreachable', message: 'down' }) });
    const gated = gateOffline(handlers, link);
    link.lost('down');
    await expect(gated['reset:issue-access-code']({ email: 'a@x.example', timeZone: 'UTC', hours: 8, evidence: [] } as never)).rejects.toMatchObject({
      code: 'offline',
      message: 'Issuing a temporary access code needs the MFA service, which cannot be reached right now, so nothing was sent and nothing changed. The console keeps trying by itself; do it again once it is back online.',
    });
    await expect(gated['directory:revoke-access-code']({ id: 'u1' })).rejects.toMatchObject({ code: 'offline', message: expect.stringMatching(/^Withdrawing a temporary access code needs the MFA service/) });
    await expect(gated['activity:list']({ limit: 5 } as never)).rejects.toMatchObject({
      code: 'offline',
      message: 'Sign-in activity needs the MFA service, which cannot be reached right now, so nothing was sent. The console keeps trying by itself; do it again once it is back online.',
    });
    expect(calls).toEqual([]);
    link.stop();
  });

  it('says to sign in again when the session ended, and lets everything through while online', async () => {
    const { handlers, calls } = counting();
    const link = new ServiceLink({ probe: async () => ({ kind: 'ok' }) });
    const gated = gateOffline(handlers, link);
    await gated['policy:save']({ version: 1 });
    expect(calls).toEqual(['policy:save']);
    link.sessionEnded('ended');
    await expect(gated['reset:triage']({ email: 'a@x.example', timeZone: 'UTC' })).rejects.toMatchObject({ code: 'session_ended', message: expect.stringMatching(/has ended, so nothing was sent\. Sign in again in Settings\.$/) });
    link.stop();
  });

  it('covers every change the console can make', () => {
    const changes = Object.entries(NEEDS_SERVICE).filter(([, need]) => need?.changes).map(([channel]) => channel);
    expect(changes).toEqual(expect.arrayContaining(['directory:deactivate', 'directory:deactivate-stale', 'directory:reactivate', 'directory:unlock', 'directory:import-start', 'policy:save', 'reset:perform', 'invitations:create-user', 'invitations:invite', 'invitations:revoke', 'mail:retry', 'mail:test',
      'directory:update', 'audit-webhook:save', 'audit-webhook:remove', 'audit-webhook:test', 'audit-webhook:retry', 'rollout:save', 'rollout:restore-default',
      'directory:revoke-access-code', 'reset:issue-access-code']));
  });
});

/**
 * The channels that work while the service cannot be used: from a copy or the cache, this computer's settings and
 * sign-in, or steps of work the gate already let start (an import's chunks, the simulator's reads of a started run).
 */
const WORKS_OFFLINE = [
  'app:status', 'app:retry', 'audit:list', 'dashboard:overview', 'dashboard:report', 'dashboard:enrollment-history', 'dashboard:revision',
  'directory:query', 'directory:facets', 'directory:user', 'directory:export', 'directory:refresh', 'directory:import-chunk', 'directory:import-report',
  'invitations:matching-ids', 'invitations:user-mail', 'mail:status', 'mail:server', 'mail:server-set',
  'policy:get', 'policy:preview', 'policy:time-zones', 'policy:time-zone', 'policy:history',
  'settings:get', 'settings:act-as', 'settings:use-embedded', 'settings:remote-sign-out', 'settings:remote-begin', 'settings:remote-send-sms',
  'settings:remote-verify', 'settings:remote-setup-app', 'settings:remote-confirm-app', 'settings:remote-acknowledge', 'settings:remote-cancel',
  'simulator:messages', 'simulator:mail', 'simulator:end',
];

describe('every channel is placed', () => {
  it('either needs the service (and is refused while offline) or is known to work without it', () => {
    const unplaced = channelNames.filter((channel) => !(channel in NEEDS_SERVICE) && !WORKS_OFFLINE.includes(channel));
    expect(unplaced).toEqual([]);
  });
});

describe('the linked client', () => {
  const client = (error: ConsoleError | null): ServiceClient => ({
    setToken: () => undefined,
    call: (async () => {
      if (error) throw error;
      return {};
    }) as ServiceClient['call'],
  });

  it('turns "unauthorized" on the console’s own session into session_ended, and reports it to the link', async () => {
    const link = new ServiceLink({ probe: async () => ({ kind: 'ok' }) });
    const linked = linkedClient(client(new ConsoleError('unauthorized', 'Sign in again.')), link, () => 'Your session ended: sign in again in Settings.');
    await expect(linked.call('companyOverview', {})).rejects.toMatchObject({ code: 'session_ended', message: 'Your session ended: sign in again in Settings.' });
    expect(link.current).toMatchObject({ state: 'session_ended', message: 'Your session ended: sign in again in Settings.' });
    link.stop();
  });

  it('leaves an end user’s "unauthorized" (another token) alone, and notices an outage at the first failed call', async () => {
    const link = new ServiceLink({ probe: async () => ({ kind: 'unreachable', message: 'down' }) });
    const endUser = linkedClient(client(new ConsoleError('unauthorized', 'Sign in first.')), link, () => 'ended');
    await expect(endUser.call('companyOverview', {}, { token: 'end-user' })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(link.online).toBe(true);
    const down = linkedClient(client(new ConsoleError('service_unavailable', 'cannot be reached')), link, () => 'ended');
    await expect(down.call('companyOverview', {})).rejects.toMatchObject({ code: 'service_unavailable' });
    expect(link.current).toMatchObject({ state: 'unreachable', message: 'cannot be reached' });
    link.stop();
  });
});
