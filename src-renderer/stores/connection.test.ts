import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../../shared/ipc/channels/app';
import { BridgeError } from '../bridge';
import { POLL_CONNECTED_MS, POLL_OFFLINE_MS, useConnectionStore } from './connection';
import { useNotificationsStore } from './notifications';

const NOW = Date.UTC(2026, 10, 30, 9);
const answers = vi.hoisted(() => ({ status: null as unknown, asked: 0 }));

vi.mock('../bridge', () => ({
  BridgeError: class BridgeError extends Error {
    error: { code: string; message: string };
    constructor(error: { code: string; message: string }) {
      super(error.message);
      this.error = error;
    }
  },
  invoke: async () => {
    answers.asked += 1;
    return answers.status;
  },
}));

function status(state: ConnectionStatus['state'], since: number | null = null): ConnectionStatus {
  return { mode: 'remote', state, target: 'https://mfa.example', warnings: [], host: 'browser', version: '0.1.0', since, lastContactAt: null, nextRetryAt: null, problem: null };
}

describe('the connection the shell shows', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers({ now: NOW });
    answers.status = status('connected');
    answers.asked = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('asks main more often while offline, and moves `reconnects` once when connected again, dropping outage messages', async () => {
    const connection = useConnectionStore();
    const notices = useNotificationsStore();
    connection.watch();
    await vi.advanceTimersByTimeAsync(0);
    expect([connection.state, connection.reconnects, connection.writeBlock]).toEqual(['connected', 0, null]);

    answers.status = status('offline', NOW);
    await vi.advanceTimersByTimeAsync(POLL_CONNECTED_MS);
    expect(connection.offline).toBe(true);
    expect(connection.writeBlock).toMatch(/^Turned off while the MFA service cannot be reached \(since .+\): nothing can be changed until it answers\.$/);
    expect(connection.blockedReason('Filtering the log')).toMatch(/^Filtering the log needs the MFA service, which cannot be reached \(since .+\)\. It works again as soon as the service answers\.$/);
    notices.fromError('Could not load the directory', new BridgeError({ code: 'offline', message: 'cannot be reached' }));
    notices.fromError('The users were not deactivated', new BridgeError({ code: 'conflict', message: 'The list changed.' }));
    const asked = answers.asked;
    await vi.advanceTimersByTimeAsync(POLL_OFFLINE_MS * 3);
    expect(answers.asked - asked).toBe(3);
    expect(connection.reconnects).toBe(0);

    answers.status = status('connected');
    await vi.advanceTimersByTimeAsync(POLL_OFFLINE_MS);
    expect([connection.state, connection.reconnects]).toEqual(['connected', 1]);
    expect(notices.notices.map((n) => n.title)).toEqual(['The users were not deactivated']);
    await vi.advanceTimersByTimeAsync(POLL_CONNECTED_MS * 2);
    expect(connection.reconnects).toBe(1);
  });

  it('says to sign in again when the session ended', async () => {
    answers.status = status('session_ended', NOW);
    const connection = useConnectionStore();
    await connection.refresh();
    expect(connection.writeBlock).toBe('Turned off until you sign in again in Settings: the session with the MFA service has ended.');
  });
});
