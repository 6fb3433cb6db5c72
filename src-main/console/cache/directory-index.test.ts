import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../shared/api/routes/admin-common';
import { directoryFilterSchema, type DirectoryFilter } from '../../../shared/ipc/channels/directory';
import { DirectoryIndex } from './directory-index';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const ctx = { now: NOW, staleAfterDays: 90 };

function user(id: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id,
    email: `${id}@example.com`,
    name: `User ${id}`,
    status: 'active',
    country: 'US',
    timeZone: 'America/New_York',
    accountType: 'standard',
    permissions: { companyAdmin: 'none', directory: 'none', helpdesk: false },
    sso: false,
    methods: [],
    enrolledAt: null,
    lastSignInAt: NOW - DAY,
    lockedUntil: null,
    createdAt: NOW - 400 * DAY,
    changeSeq: 1,
    passwordSetAt: NOW,
    invitedAt: null,
    invitationExpiresAt: null,
    ...overrides,
  };
}

function filter(overrides: Partial<DirectoryFilter> = {}): DirectoryFilter {
  return { ...directoryFilterSchema.parse({}), ...overrides };
}

function names(index: DirectoryIndex, f: DirectoryFilter, sort: 'name' | 'lastSignIn' = 'name', direction: 'asc' | 'desc' = 'asc') {
  const slots = index.query(f, sort, direction, ctx);
  return index.window(slots, 0, 100, ctx).map((row) => row.name);
}

function sample(): DirectoryIndex {
  const index = new DirectoryIndex();
  index.setSsoDomains(['sso.example.com']);
  index.upsert([
    user('sofia', { name: 'Sofía Hernández', country: 'MX', timeZone: 'America/Mexico_City', methods: ['totp'] }),
    user('kai', { name: 'Kai Müller', country: 'DE', timeZone: 'Europe/Berlin', lastSignInAt: NOW - 95 * DAY }),
    user('lee', { name: 'Lee Nguyen', country: 'AU', timeZone: 'Australia/Perth', lastSignInAt: null }),
    user('sam', { name: 'Sam Rivera', email: 'sam@sso.example.com' }),
    user('taylor', { name: 'Taylor Brooks', status: 'inactive', lastSignInAt: NOW - 200 * DAY }),
    user('pat', { name: 'Pat Okafor', accountType: 'payments_payor', lockedUntil: NOW + 60_000 }),
    user('new', { name: 'Nia Newcomer', lastSignInAt: null, createdAt: NOW - 3 * DAY }),
  ]);
  return index;
}

describe('DirectoryIndex', () => {
  it('finds users by any word of the name or email, ignoring case and accents', () => {
    const index = sample();
    expect(names(index, filter({ search: 'SOFIA' }))).toEqual(['Sofía Hernández']);
    expect(names(index, filter({ search: 'muller kai' }))).toEqual(['Kai Müller']);
    expect(names(index, filter({ search: 'sso.example' }))).toEqual(['Sam Rivera']);
    expect(names(index, filter({ search: 'nobody-like-this' }))).toEqual([]);
  });

  it('sorts by name both ways and by last sign-in with never-signed-in users oldest', () => {
    const index = sample();
    expect(names(index, filter())).toEqual(['Kai Müller', 'Lee Nguyen', 'Nia Newcomer', 'Pat Okafor', 'Sam Rivera', 'Sofía Hernández', 'Taylor Brooks']);
    expect(names(index, filter(), 'name', 'desc')[0]).toBe('Taylor Brooks');
    expect(names(index, filter(), 'lastSignIn').slice(0, 4)).toEqual(['Lee Nguyen', 'Nia Newcomer', 'Taylor Brooks', 'Kai Müller']);
  });

  it('filters by status, enrollment state, account type, country and zone', () => {
    const index = sample();
    expect(names(index, filter({ status: 'inactive' }))).toEqual(['Taylor Brooks']);
    expect(names(index, filter({ enrollment: 'enrolled_totp' }))).toEqual(['Sofía Hernández']);
    expect(names(index, filter({ enrollment: 'sso' }))).toEqual(['Sam Rivera']);
    expect(names(index, filter({ enrollment: 'payments' }))).toEqual(['Pat Okafor']);
    expect(names(index, filter({ accountType: 'payments_payor' }))).toEqual(['Pat Okafor']);
    expect(names(index, filter({ country: 'DE' }))).toEqual(['Kai Müller']);
    expect(names(index, filter({ timeZone: 'Australia/Perth' }))).toEqual(['Lee Nguyen']);
    expect(names(index, filter({ country: 'ZZ' }))).toEqual([]);
  });

  it('finds stale users (active, no sign-in for the days given, or never since added that long ago), locked users and who will be blocked', () => {
    const index = sample();
    expect(names(index, filter({ staleOnly: true }))).toEqual(['Kai Müller', 'Lee Nguyen']);
    expect(index.window(index.query(filter({ search: 'kai' }), 'name', 'asc', ctx), 0, 1, ctx)[0]?.stale).toBe(true);
    expect(index.window(index.query(filter({ search: 'newcomer' }), 'name', 'asc', ctx), 0, 1, ctx)[0]?.stale).toBe(false);
    expect(names(index, filter({ staleOnly: true }), 'name', 'asc')).not.toContain('Nia Newcomer');
    expect(names(index, filter({ lockedOnly: true }))).toEqual(['Pat Okafor']);
    expect(names(index, filter({ blockedOnly: true }))).toEqual(['Kai Müller', 'Lee Nguyen', 'Nia Newcomer', 'Pat Okafor']);
  });

  it('sees changes: an updated user moves in the sort and leaves a filter it no longer matches', () => {
    const index = sample();
    expect(names(index, filter({ status: 'inactive' }))).toEqual(['Taylor Brooks']);
    index.upsert([user('taylor', { name: 'Aaron Brooks', status: 'active', changeSeq: 2 })]);
    expect(names(index, filter({ status: 'inactive' }))).toEqual([]);
    expect(names(index, filter())[0]).toBe('Aaron Brooks');
    expect(index.size).toBe(7);
  });

  it('recomputes SSO users when the company changes its SSO domains', () => {
    const index = sample();
    index.setSsoDomains([]);
    expect(names(index, filter({ enrollment: 'sso' }))).toEqual([]);
  });

  it('returns windows of a large result and counts active users per zone', () => {
    const index = new DirectoryIndex();
    index.upsert(Array.from({ length: 1000 }, (_, i) => user(`u${String(i).padStart(4, '0')}`, { timeZone: i % 2 ? 'Asia/Kathmandu' : 'UTC', status: i % 10 === 0 ? 'inactive' : 'active' })));
    const slots = index.query(filter(), 'name', 'asc', ctx);
    expect(slots.length).toBe(1000);
    expect(index.window(slots, 990, 50, ctx).map((row) => row.id)).toEqual(Array.from({ length: 10 }, (_, i) => `u0${990 + i}`));
    expect(Object.fromEntries(index.activeUsersByZone())).toEqual({ UTC: 400, 'Asia/Kathmandu': 500 });
    expect(index.facets().timeZones).toEqual([
      { value: 'Asia/Kathmandu', count: 500 },
      { value: 'UTC', count: 500 },
    ]);
  });
});
