import { describe, it, expect } from 'vitest';
import { inactiveSince, isStale, staleCutoff, staleUsers } from './stale';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const LONG_AGO = NOW - 1000 * DAY;

describe('stale users (R-DIR-3)', () => {
  it('is stale after N days without sign-in, counting the Nth day', () => {
    expect(isStale({ status: 'active', lastSignInAt: NOW - 90 * DAY, createdAt: LONG_AGO }, NOW, 90)).toBe(true);
    expect(isStale({ status: 'active', lastSignInAt: NOW - 90 * DAY + 1, createdAt: LONG_AGO }, NOW, 90)).toBe(false);
    expect(isStale({ status: 'active', lastSignInAt: NOW - 30 * DAY, createdAt: LONG_AGO }, NOW, 30)).toBe(true);
  });

  it('counts a user who never signed in from the day they were added', () => {
    expect(isStale({ status: 'active', lastSignInAt: null, createdAt: NOW - DAY }, NOW, 90)).toBe(false);
    expect(isStale({ status: 'active', lastSignInAt: null, createdAt: NOW }, NOW, 90)).toBe(false);
    expect(isStale({ status: 'active', lastSignInAt: null, createdAt: NOW - 90 * DAY }, NOW, 90)).toBe(true);
    expect(inactiveSince({ lastSignInAt: null, createdAt: 5 })).toBe(5);
    expect(inactiveSince({ lastSignInAt: 7, createdAt: 5 })).toBe(7);
  });

  it('never lists inactive users: they are already out of the way', () => {
    expect(isStale({ status: 'inactive', lastSignInAt: null, createdAt: LONG_AGO }, NOW, 90)).toBe(false);
  });

  it('filters a list in order and gives the cut-off for queries', () => {
    const users = [
      { id: 'a', status: 'active' as const, lastSignInAt: NOW - DAY, createdAt: LONG_AGO },
      { id: 'b', status: 'active' as const, lastSignInAt: null, createdAt: LONG_AGO },
      { id: 'c', status: 'inactive' as const, lastSignInAt: null, createdAt: LONG_AGO },
      { id: 'd', status: 'active' as const, lastSignInAt: NOW - 200 * DAY, createdAt: LONG_AGO },
      { id: 'e', status: 'active' as const, lastSignInAt: null, createdAt: NOW - 2 * DAY },
    ];
    expect(staleUsers(users, NOW, 90).map((u) => u.id)).toEqual(['b', 'd']);
    expect(staleCutoff(NOW, 90)).toBe(NOW - 90 * DAY);
  });
});
