import { describe, expect, it, vi } from 'vitest';
import { bulkStopWords } from './directory';

vi.mock('../bridge', () => ({ BridgeError: class BridgeError extends Error {}, invoke: async () => ({}) }));

describe('a bulk deactivation that stopped part-way, in words', () => {
  it('says how many were deactivated, in doubt and untouched, and where to finish', () => {
    const words = bulkStopWords({ deactivated: 10_000, sessionsEnded: 3, skipped: [], skippedCount: 0, stopped: { message: 'The connection broke.', inDoubt: 10_000, notSent: 1 } });
    expect(words).toBe(
      'The connection broke. 10,000 users were deactivated before it stopped. 10,000 users were being deactivated when the connection broke: they may or may not be inactive now. 1 user was not changed. Once the console is back online, the Stale users list shows who is still active: deactivate them again from there.',
    );
  });
});
