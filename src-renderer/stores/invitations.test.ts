import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVITE_BATCH_MAX } from '../../shared/api/routes/admin-invitations';
import { inviteStopWords, useInvitationsStore } from './invitations';

const service = vi.hoisted(() => ({ parts: 0, failAt: -1, failure: null as null | { code: string; message: string; details?: Record<string, unknown> } }));

vi.mock('../bridge', () => {
  class BridgeError extends Error {
    error: { code: string; message: string; details?: Record<string, unknown> };
    constructor(error: { code: string; message: string; details?: Record<string, unknown> }) {
      super(error.message);
      this.error = error;
    }
  }
  return {
    BridgeError,
    invoke: async (channel: string, request: { ids?: string[] }) => {
      if (channel !== 'invitations:invite') return { rows: [], total: 0, offset: 0, directorySize: 0, staleAfterDays: 90, cache: null, tookMs: 0, countries: [], timeZones: [] };
      const part = service.parts++;
      if (part === service.failAt && service.failure) throw new BridgeError(service.failure);
      return { results: (request.ids ?? []).map((userId) => ({ userId, outcome: 'invited', message: 'invited', delivery: null })) };
    },
  };
});

describe('a bulk invitation the connection breaks', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    service.parts = 0;
    service.failAt = 1;
    service.failure = { code: 'service_unavailable', message: 'The connection broke before the service answered.', details: { delivery: 'unknown' } };
  });

  const ids = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

  it('keeps the part done, says which users are in doubt and which were not invited, and keeps those selected', async () => {
    const store = useInvitationsStore();
    for (const id of ids(INVITE_BATCH_MAX * 2 + 5)) store.toggle(id, true);
    await store.inviteSelected(7);
    expect(store.run).toMatchObject({ running: false, stopped: true, done: INVITE_BATCH_MAX, invited: INVITE_BATCH_MAX, inDoubt: INVITE_BATCH_MAX });
    expect(store.count).toBe(INVITE_BATCH_MAX + 5);
    expect(inviteStopWords(store.run!)).toBe(
      `Stopped: The connection broke before the service answered. ${INVITE_BATCH_MAX} users were being invited when the connection broke: they may or may not have been sent an invitation, and inviting them again replaces it. 5 users were not invited: they are still selected, to invite once the console is back online.`,
    );
  });

  it('a part refused before it was sent is not in doubt', async () => {
    service.failure = { code: 'offline', message: 'Sending invitations needs the MFA service, which cannot be reached right now.' };
    const store = useInvitationsStore();
    for (const id of ids(INVITE_BATCH_MAX + 1)) store.toggle(id, true);
    await store.inviteSelected(7);
    expect(store.run).toMatchObject({ stopped: true, inDoubt: 0, done: INVITE_BATCH_MAX });
    expect(inviteStopWords(store.run!)).toBe(
      'Stopped: Sending invitations needs the MFA service, which cannot be reached right now. 1 user was not invited: they are still selected, to invite once the console is back online.',
    );
  });
});
