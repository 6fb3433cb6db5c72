/**
 * The Admin API on PostgreSQL: the queries that differ most between engines (batched updates, LIKE escapes,
 * keyset paging, the audit chain) run once more on a real server. Runs when MFA_TEST_PG_URL is set (see
 * store-contract.test.ts); each run gets its own schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/service/store/store';
import { enrollTotp } from '../fixtures/service-harness';
import { dropTestSchema } from '../fixtures/pg-schema';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const PG_URL = process.env.MFA_TEST_PG_URL;
const schema = `mfa_admin_${process.pid}_${randomBytes(4).toString('hex')}`;

describe.skipIf(!PG_URL)('Admin API on PostgreSQL', () => {
  let h: AdminHarness;
  let admin: string;

  beforeAll(async () => {
    h = await startAdminHarness({ store: await openStore({ url: PG_URL ?? '', schema }) });
    admin = await h.tokenFor(OPERATORS.admin);
  });
  afterAll(async () => {
    await h?.close();
    await dropTestSchema(PG_URL ?? '', schema);
  });

  it('imports, re-imports without changes, and updates in batches', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `pg${i}@northwind.example,Pg User ${i},US,America/Chicago,,`);
    const csv = ['email,name,country,time_zone,status,directory', ...rows, 'bad,row,US,UTC,,'].join('\n');
    expect((await h.importCsv(admin, csv)).body).toMatchObject({ created: 300, failed: 1 });
    expect((await h.importCsv(admin, csv)).body).toMatchObject({ created: 0, updated: 0, unchanged: 300 });
    const changed = csv.replace(/,,$/gm, ',inactive,');
    expect((await h.importCsv(admin, changed)).body).toMatchObject({ updated: 300, unchanged: 0 });
    const inactive = await h.call('GET', '/api/v1/admin/users?q=pg1&status=inactive&limit=5', { token: admin });
    expect(inactive.body.total).toBe(111);
    expect(inactive.body.users).toHaveLength(5);
    const next = await h.call('GET', `/api/v1/admin/users?q=pg1&status=inactive&limit=200&cursor=${inactive.body.nextCursor}`, { token: admin });
    expect(next.body.users).toHaveLength(106);
  });

  it('searches with LIKE wildcards taken literally, and syncs by change sequence', async () => {
    expect((await h.call('GET', '/api/v1/admin/users?q=_', { token: admin })).body.total).toBe(0);
    expect((await h.call('GET', '/api/v1/admin/users?q=PATEL', { token: admin })).body.total).toBe(1);
    let since = 0;
    let seen = 0;
    for (;;) {
      const page = await h.call('GET', `/api/v1/admin/users/changes?since=${since}&limit=100`, { token: admin });
      seen += page.body.users.length;
      since = page.body.cursor;
      if (!page.body.hasMore) break;
    }
    expect(seen).toBe(337);
  });

  it('deactivates in bulk, resets a user, and keeps a verifiable audit chain', async () => {
    const ids = await Promise.all(['drew.hughes', 'kai.mueller'].map((local) => h.idOf(demoEmail(local))));
    expect((await h.call('POST', '/api/v1/admin/users/bulk-deactivate', { token: admin, body: { userIds: ids } })).body.deactivated).toBe(2);
    await enrollTotp(h, demoEmail('jordan.patel'));
    const reset = await h.call('POST', '/api/v1/admin/reset', { token: admin, body: { email: demoEmail('jordan.patel'), checks: ['callback', 'manager', 'ticket'], values: { ticket: 'HD-9' }, verified: true } });
    expect(reset.body.removed).toMatchObject({ methods: ['totp'], recoveryCode: true });
    const report = await h.call('GET', '/api/v1/admin/report/enrollment', { token: admin });
    expect(report.body.counts.total).toBe(337);
    const verify = await h.call('GET', '/api/v1/admin/audit/verify', { token: admin });
    expect(verify.body).toMatchObject({ ok: true, brokenAt: null });
    expect(verify.body.total).toBeGreaterThanOrEqual(7);
    const exported = await h.app.inject({ method: 'GET', url: '/api/v1/admin/audit/export?action=user.', headers: { authorization: `Bearer ${admin}` } });
    expect(exported.body.trim().split('\r\n')).toHaveLength(3);
  });
});
