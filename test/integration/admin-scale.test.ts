/**
 * The Admin API stays correct at 100,000 users: CSV import, an idempotent re-import, a changed-name import, the
 * console's full changed-since sync, the report, the preview and search. How fast is measured by `npm run bench`
 * (speed goals live there, not in tests); the durations printed here are only for reading the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATORS, bulkDirectoryCsv, startAdminHarness, type AdminHarness } from './admin-support';

const COUNT = 100_000;

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  const ms = Math.round(performance.now() - started);
  console.log(`${label}: ${ms} ms`);
  return { value, ms };
}

describe('Admin API at 100,000 users', () => {
  let h: AdminHarness;
  let admin: string;

  beforeAll(async () => {
    h = await startAdminHarness();
    admin = await h.tokenFor(OPERATORS.admin);
  });
  afterAll(async () => {
    await h.close();
  });

  it('imports 100,000 rows, then re-imports them changing nothing', async () => {
    const csv = bulkDirectoryCsv(COUNT);
    const first = await timed('import 100,000 rows', () => h.importCsv(admin, csv));
    expect(first.value.body).toMatchObject({ rows: COUNT, created: COUNT, failed: 0 });
    const again = await timed('re-import 100,000 unchanged rows', () => h.importCsv(admin, csv));
    expect(again.value.body).toMatchObject({ created: 0, updated: 0, unchanged: COUNT });
    const renamed = await timed('import 100,000 changed rows', () => h.importCsv(admin, bulkDirectoryCsv(COUNT, 'Member')));
    expect(renamed.value.body).toMatchObject({ updated: COUNT, unchanged: 0 });
  });

  it('syncs the whole directory by change sequence in pages of 10,000', async () => {
    const { value } = await timed('full changed-since sync of 100,037 users', async () => {
      const ids = new Set<string>();
      let since = 0;
      for (;;) {
        const page = await h.call('GET', `/api/v1/admin/users/changes?since=${since}&limit=10000`, { token: admin });
        for (const user of page.body.users) ids.add(user.id);
        since = page.body.cursor;
        if (!page.body.hasMore) return ids.size;
      }
    });
    expect(value).toBe(COUNT + 37);
  });

  it('answers the report, the preview and a search over 100,000 users', async () => {
    const report = await timed('enrollment report', () => h.call('GET', '/api/v1/admin/report/enrollment', { token: admin }));
    expect(report.value.body.counts.total).toBe(COUNT + 37);
    const preview = await timed('time-zone preview', () => h.call('GET', '/api/v1/admin/policy/preview?date=2026-04-16&zone=America/New_York', { token: admin }));
    expect(preview.value.body.totalActiveUsers).toBe(COUNT + 35);
    const search = await timed('service-side search', () => h.call('GET', '/api/v1/admin/users?q=member%2099999', { token: admin }));
    expect(search.value.body.users.map((user: { email: string }) => user.email)).toEqual(['user99999@bulk.example']);
  });
});
