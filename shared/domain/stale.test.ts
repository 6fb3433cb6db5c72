import { describe, it, expect } from 'vitest';
import { isStale, staleCutoff, staleUsers } from './stale';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

describe('stale users (R-DIR-3)', () => {
  it('is stale after N days without sign-in, counting the Nth day', () => {
    expect(isStale({ status: 'active', lastSignInAt: NOW - 90 * DAY }, NOW, 90)).toBe(true);
    expect(isStale({ status: 'active', lastSignInAt: NOW - 90 * DAY + 1 }, NOW, 90)).toBe(false);
    expect(isStale({ status: 'active', lastSignInAt: NOW - 30 * DAY }, NOW, 30)).toBe(true);
  });

  it('is stale when the user never signed in', () => {
    expect(isStale({ status: 'active', lastSignInAt: null }, NOW, 90)).toBe(true);
  });

  it('never lists inactive users: they are already out of the way', () => {
    expect(isStale({ status: 'inactive', lastSignInAt: null }, NOW, 90)).toBe(false);
  });

  it('filters a list in order and gives the cut-off for queries', () => {
    const users = [
      { id: 'a', status: 'active' as const, lastSignInAt: NOW - DAY },
      { id: 'b', status: 'active' as const, lastSignInAt: null },
      { id: 'c', status: 'inactive' as const, lastSignInAt: null },
      { id: 'd', status: 'active' as const, lastSignInAt: NOW - 200 * DAY },
    ];
    expect(staleUsers(users, NOW, 90).map((u) => u.id)).toEqual(['b', 'd']);
    expect(staleCutoff(NOW, 90)).toBe(NOW - 90 * DAY);
  });
});
