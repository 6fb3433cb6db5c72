/**
 * One rule, one answer (issue 9, item 16): the console cache and the service's API find the same users for the same
 * search, stale and "not enrolled" questions, on accented and mixed-case data, on SQLite and on PostgreSQL. The cache
 * is filled from the service's own changed-since sync, as the console fills it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../shared/api/routes/admin-common';
import { directoryFilterSchema, type DirectoryFilter } from '../../shared/ipc/channels/directory';
import { DirectoryIndex } from '../../src-main/console/cache/directory-index';
import { openStore, type Store } from '../../src-main/service/store/store';
import { DAY } from '../fixtures/service-harness';
import { OPERATORS, startAdminHarness, type AdminHarness } from './admin-support';
import { dropTestSchema } from '../fixtures/pg-schema';

const PG_URL = process.env.MFA_TEST_PG_URL;

const PEOPLE = [
  ['sofia.hernandez@Example.COM', 'Sofía Hernández'],
  ['ZOE.ANGSTROM@example.com', 'ZOË ÅNGSTRÖM'],
  ['lukasz@example.com', 'Łukasz Żółć'],
  ['ilkay.celik@example.com', 'İlkay ÇELİK'],
  ['francois.muller@example.com', 'François Müller'],
  ['M.Lu@example.com', 'MÜLLER-Lüdenscheidt'],
  ['percent@example.com', 'One 100% Sure'],
  ['under_score@example.com', 'Ann Under'],
  ['nfd@example.com', 'Rene\u0301 Mu\u0308ller'],
];

const SEARCHES = [
  'sofia', 'SOFÍA', 'SOFÍA example.com', 'hernandez', 'Hernández', 'muller', 'MÜLLER', 'müll', 'zoe', 'ZOË', 'ångström', 'angstrom', 'ilkay', 'İLKAY',
  'celik', 'ÇELİK', 'lukasz', 'łukasz', 'żółć', 'zolc', 'françois', 'FRANCOIS', 'fran mull', 'rené', 'EXAMPLE.COM', 'm.lu@',
  '%', '100%', '_', 'under_', 'nobody', '',
];

type Engine = { name: string; open: () => Promise<Store>; cleanup?: () => Promise<void> };

const pgSchema = `mfa_rules_${process.pid}_${randomBytes(4).toString('hex')}`;
const engines: Engine[] = [{ name: 'SQLite', open: () => openStore({ memory: true }) }];
if (PG_URL) {
  engines.push({
    name: 'PostgreSQL',
    open: () => openStore({ url: PG_URL, schema: pgSchema }),
    async cleanup() {
      await dropTestSchema(PG_URL, pgSchema);
    },
  });
} else {
  console.log('directory-rules-agreement: MFA_TEST_PG_URL is not set, so only SQLite is checked here (CI sets it).');
}

describe.each(engines)('cache and API agree on $name', (engine) => {
  let h: AdminHarness;
  let admin: string;
  const index = new DirectoryIndex();
  const ctx = () => ({ now: h.clock.now(), staleAfterDays: 90 });

  async function syncCache(): Promise<void> {
    const users: DirectoryUser[] = [];
    for (let since = 0; ; ) {
      const page = await h.call('GET', `/api/v1/admin/users/changes?since=${since}&limit=1000`, { token: admin });
      users.push(...page.body.users);
      since = page.body.cursor;
      if (!page.body.hasMore) break;
    }
    const company = await h.call('GET', '/api/v1/company', { token: admin });
    index.setSsoDomains(company.body.ssoDomains ?? []);
    index.upsert(users);
  }

  function cacheEmails(filter: Partial<DirectoryFilter>): string[] {
    const slots = index.query({ ...directoryFilterSchema.parse({}), ...filter }, 'email', 'asc', ctx());
    return index.window(slots, 0, 10_000, ctx()).map((row) => row.email).sort();
  }

  async function apiEmails(path: string): Promise<string[]> {
    const reply = await h.call('GET', path, { token: admin });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.users.map((user: { email: string }) => user.email).sort();
  }

  beforeAll(async () => {
    h = await startAdminHarness({ store: await engine.open() });
    admin = await h.tokenFor(OPERATORS.admin);
    const csv = ['email,name,country,time_zone', ...PEOPLE.map(([email, name]) => `${email},"${name}",DE,Europe/Berlin`)].join('\n');
    expect((await h.importCsv(admin, csv)).body).toMatchObject({ created: PEOPLE.length, failed: 0 });
    await syncCache();
  });
  afterAll(async () => {
    await h?.close();
    await engine.cleanup?.();
  });

  it('finds the same users for every search, ignoring case and accents on both sides', async () => {
    for (const search of SEARCHES) {
      const api = await apiEmails(`/api/v1/admin/users?limit=1000&q=${encodeURIComponent(search)}`);
      expect(api, `search "${search}"`).toEqual(cacheEmails({ search }));
    }
    expect(cacheEmails({ search: 'MÜLLER' })).toEqual(['M.Lu@example.com', 'francois.muller@example.com', 'kai.mueller@northwind.example', 'nfd@example.com']);
    expect(cacheEmails({ search: 'SOFÍA example.com' })).toEqual(['sofia.hernandez@Example.COM']);
    expect(cacheEmails({ search: 'zoe angstrom' })).toEqual(['ZOE.ANGSTROM@example.com']);
    expect(cacheEmails({ search: '100%' })).toEqual(['percent@example.com']);
  });

  it('counts users just added as not stale, and both sides list the same stale users as time passes', async () => {
    const stale = async () => apiEmails('/api/v1/admin/users/stale?days=90&limit=1000');
    const imported = PEOPLE.map(([email]) => email!).sort();
    expect((await stale()).filter((email) => imported.includes(email))).toEqual([]);
    expect(await stale()).toEqual(cacheEmails({ staleOnly: true }));
    h.clock.advance(91 * DAY);
    await syncCache();
    expect((await stale()).filter((email) => imported.includes(email))).toEqual(imported);
    expect(await stale()).toEqual(cacheEmails({ staleOnly: true }));
  });

  it('means the same by "not enrolled" as the dashboard, on both sides', async () => {
    const api = await apiEmails('/api/v1/admin/users?limit=1000&enrollment=not_enrolled');
    expect(api).toEqual(cacheEmails({ enrollment: 'not_enrolled' }));
    const report = await h.call('GET', '/api/v1/admin/report/enrollment', { token: admin });
    expect(api).toHaveLength(report.body.counts.byState.notEnrolled);
  });
});
