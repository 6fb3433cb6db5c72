/* eslint-disable @typescript-eslint/no-explicit-any -- replies are read as loose JSON; each test asserts their shape */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollTotp } from '../fixtures/service-harness';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const USERS = '/api/v1/admin/users';
const emails = (body: { users: { email: string }[] }) => body.users.map((user) => user.email);

describe('Admin API: directory (R-DIR-1..3)', () => {
  let h: AdminHarness;
  let admin: string;
  let reader: string;
  let helpdesk: string;
  const jordan = demoEmail('jordan.patel');

  beforeAll(async () => {
    h = await startAdminHarness();
    admin = await h.tokenFor(OPERATORS.admin);
    reader = await h.tokenFor(OPERATORS.reader);
    await h.grant(demoEmail('casey.morgan'), 'none', 'standard');
    helpdesk = await h.tokenFor(demoEmail('casey.morgan'));
    await enrollTotp(h, jordan);
  });
  afterAll(async () => {
    await h.close();
  });

  it('pages through everyone by name with a cursor, and counts the matches', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const reply: any = await h.call('GET', `${USERS}?limit=10${cursor ? `&cursor=${cursor}` : ''}`, { token: reader });
      expect(reply.status).toBe(200);
      expect(reply.body.total).toBe(37);
      seen.push(...reply.body.users.map((user: { name: string }) => user.name));
      cursor = reply.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(37);
    expect(seen).toEqual([...seen].sort());
    const bad = await h.call('GET', `${USERS}?cursor=nonsense`, { token: reader });
    expect(bad.status).toBe(400);
  });

  it('searches names and emails, case-insensitive, every word must match, % is literal', async () => {
    expect(emails((await h.call('GET', `${USERS}?q=PATEL`, { token: reader })).body)).toEqual([jordan]);
    expect(emails((await h.call('GET', `${USERS}?q=sso.northwind`, { token: reader })).body).sort()).toEqual([
      'alex.kim@sso.northwind.example',
      'sam.rivera@sso.northwind.example',
    ]);
    expect(emails((await h.call('GET', `${USERS}?q=lee%20nguyen`, { token: reader })).body)).toEqual([demoEmail('lee.nguyen')]);
    expect((await h.call('GET', `${USERS}?q=%25`, { token: reader })).body.total).toBe(0);
  });

  it('filters by status, enrollment, account type, country and time zone', async () => {
    const filter = async (query: string) => (await h.call('GET', `${USERS}?${query}`, { token: reader })).body;
    expect((await filter('status=inactive')).total).toBe(2);
    expect((await filter('enrollment=sso')).users.every((user: { sso: boolean }) => user.sso)).toBe(true);
    expect(emails(await filter('enrollment=enrolled'))).toEqual([jordan]);
    // "Not enrolled" is the dashboard's state: active, not SSO, not payments, no method (not the inactive or payments users).
    const notEnrolled = await filter('enrollment=not_enrolled&limit=1000');
    const report = (await h.call('GET', '/api/v1/admin/report/enrollment', { token: reader })).body;
    expect(notEnrolled.total).toBe(report.counts.byState.notEnrolled);
    expect(notEnrolled.total).toBe(37 - 2 - 1 - 2 - 3);
    expect(notEnrolled.users.every((user: { status: string; accountType: string }) => user.status === 'active' && user.accountType === 'standard')).toBe(true);
    expect((await filter('enrollment=payments')).total).toBe(report.counts.byState.payments);
    expect(emails(await filter('accountType=payments_payor'))).toEqual([demoEmail('pat.okafor')]);
    expect((await filter('country=de')).total).toBe(3);
    expect((await filter('timeZone=Europe/London&status=active')).total).toBe(3);
    const unknown = await h.call('GET', `${USERS}?status=gone`, { token: reader });
    expect(unknown.status).toBe(400);
  });

  it('shows one user with methods, enrollment date, lockout and last sign-in', async () => {
    const id = await h.idOf(jordan);
    const reply = await h.call('GET', `${USERS}/${id}`, { token: reader });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ email: jordan, methods: ['totp'], hasRecoveryCode: true, locked: false, failedAttempts: 0, sso: false });
    expect(reply.body.enrolledAt).toEqual(expect.any(Number));
    expect(reply.body.lastSignInAt).toEqual(expect.any(Number));
    expect(reply.body.methodDetails).toEqual([expect.objectContaining({ kind: 'totp', phoneMasked: null, confirmedAt: expect.any(Number) })]);
    expect(JSON.stringify(reply.body)).not.toMatch(/secret/i);
    const missing = await h.call('GET', `${USERS}/no-such-user`, { token: reader });
    expect(missing.status).toBe(404);
  });

  it('creates users for Directory writers only; admin permissions need Admin on both tools; emails are unique', async () => {
    const body = { email: 'New.Hire@northwind.example', name: 'New Hire', country: 'US', timeZone: 'America/Chicago' };
    expect((await h.call('POST', USERS, { token: reader, body })).status).toBe(403);
    const escalate = await h.call('POST', USERS, { token: helpdesk, body: { ...body, permissions: { companyAdmin: 'admin', directory: 'admin' } } });
    expect(escalate.status).toBe(403);
    const created = await h.call('POST', USERS, { token: helpdesk, body });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ email: 'New.Hire@northwind.example', status: 'active', accountType: 'standard', permissions: { companyAdmin: 'none', directory: 'none' } });
    const duplicate = await h.call('POST', USERS, { token: admin, body: { ...body, email: 'new.hire@NORTHWIND.example' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toContain('already has the email');
    const invalid = await h.call('POST', USERS, { token: admin, body: { ...body, email: 'not-an-email', timeZone: 'Nowhere/Land' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.fields).toMatchObject({ email: expect.stringContaining('valid email'), timeZone: expect.stringContaining('IANA') });
    const audit = await h.call('GET', `/api/v1/admin/audit?action=user.create`, { token: reader });
    expect(audit.body.entries[0]).toMatchObject({ actorEmail: demoEmail('casey.morgan'), targetEmail: 'New.Hire@northwind.example' });
  });

  it('updates a user, audited before/after, with 409 for a stale change sequence or a taken email', async () => {
    const id = await h.idOf(demoEmail('dana.whitfield'));
    const before = (await h.call('GET', `${USERS}/${id}`, { token: reader })).body;
    const renamed = await h.call('PATCH', `${USERS}/${id}`, { token: helpdesk, body: { expectedChangeSeq: before.changeSeq, name: 'Dana W. Whitfield', timeZone: 'America/Denver' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Dana W. Whitfield', timeZone: 'America/Denver' });
    expect(renamed.body.changeSeq).toBeGreaterThan(before.changeSeq);
    const stale = await h.call('PATCH', `${USERS}/${id}`, { token: helpdesk, body: { expectedChangeSeq: before.changeSeq, name: 'Again' } });
    expect(stale.status).toBe(409);
    const taken = await h.call('PATCH', `${USERS}/${id}`, { token: helpdesk, body: { email: jordan.toUpperCase() } });
    expect(taken.status).toBe(409);
    const audit = await h.call('GET', `/api/v1/admin/audit?action=user.update&target=${id}`, { token: reader });
    expect(audit.body.entries[0]).toMatchObject({ before: { name: 'Dana Whitfield', timeZone: 'America/Phoenix' }, after: { name: 'Dana W. Whitfield', timeZone: 'America/Denver' } });
  });

  it('lets only an admin on both tools change permissions, and never their own', async () => {
    const id = await h.idOf(demoEmail('emery.walsh'));
    const permissions = { companyAdmin: 'read_only', directory: 'read_only' };
    expect((await h.call('PATCH', `${USERS}/${id}`, { token: helpdesk, body: { permissions } })).status).toBe(403);
    const granted = await h.call('PATCH', `${USERS}/${id}`, { token: admin, body: { permissions } });
    expect(granted.body.permissions).toEqual({ ...permissions, helpdesk: false });
    const helpdeskGrant = { ...permissions, helpdesk: true };
    expect((await h.call('PATCH', `${USERS}/${id}`, { token: helpdesk, body: { permissions: helpdeskGrant } })).status).toBe(403);
    const madeHelpdesk = await h.call('PATCH', `${USERS}/${id}`, { token: admin, body: { permissions: helpdeskGrant } });
    expect(madeHelpdesk.body.permissions).toEqual(helpdeskGrant);
    expect((await h.call('PATCH', `${USERS}/${id}`, { token: admin, body: { permissions } })).body.permissions).toEqual(helpdeskGrant);
    const audit = await h.call('GET', `/api/v1/admin/audit?action=user.update&target=${id}`, { token: admin });
    expect(audit.body.entries[0]).toMatchObject({ before: { permissions: { ...permissions, helpdesk: false } }, after: { permissions: helpdeskGrant } });
    const self = await h.call('PATCH', `${USERS}/${await h.idOf(OPERATORS.admin)}`, { token: admin, body: { permissions: { companyAdmin: 'none', directory: 'admin' } } });
    expect(self.status).toBe(422);
    expect(self.body.error.message).toContain('own permissions');
  });

  it('lets only an admin on both tools change the sign-in email or status of someone with admin-tool permissions', async () => {
    const harper = await h.idOf(demoEmail('harper.quinn'));
    const email = await h.call('PATCH', `${USERS}/${harper}`, { token: helpdesk, body: { email: 'harper.q@northwind.example' } });
    expect(email.status).toBe(403);
    expect(email.body.error.message).toMatch(/Admin permission on both/);
    expect((await h.call('GET', `${USERS}/${harper}`, { token: reader })).body.email).toBe(demoEmail('harper.quinn'));
    expect((await h.call('POST', `${USERS}/${harper}/deactivate`, { token: helpdesk, body: {} })).status).toBe(403);
    const renamed = await h.call('PATCH', `${USERS}/${harper}`, { token: helpdesk, body: { name: 'Harper R. Quinn' } });
    expect(renamed.status).toBe(200);
    const byAdmin = await h.call('PATCH', `${USERS}/${harper}`, { token: admin, body: { email: 'harper.q@northwind.example' } });
    expect(byAdmin.body.email).toBe('harper.q@northwind.example');
    await h.call('PATCH', `${USERS}/${harper}`, { token: admin, body: { email: demoEmail('harper.quinn'), name: 'Harper Quinn' } });
  });

  it('deactivates (ending sessions) and reactivates, audited once; refuses one’s own account and admins for non-admins', async () => {
    const id = await h.idOf(jordan);
    const off = await h.call('POST', `${USERS}/${id}/deactivate`, { token: helpdesk, body: {} });
    expect(off.body).toMatchObject({ status: 'inactive', activeSessions: 0 });
    const again = await h.call('POST', `${USERS}/${id}/deactivate`, { token: helpdesk, body: {} });
    expect(again.status).toBe(200);
    const entries = (await h.call('GET', `/api/v1/admin/audit?action=user.deactivate&target=${id}`, { token: reader })).body.entries;
    expect(entries).toHaveLength(1);
    expect(entries[0].evidence).toEqual({ sessionsEnded: 1 });
    const on = await h.call('POST', `${USERS}/${id}/reactivate`, { token: helpdesk, body: {} });
    expect(on.body.status).toBe('active');
    const self = await h.call('POST', `${USERS}/${await h.idOf(OPERATORS.admin)}/deactivate`, { token: admin, body: {} });
    expect(self.status).toBe(422);
    const otherAdmin = await h.call('POST', `${USERS}/${await h.idOf(OPERATORS.otherAdmin)}/deactivate`, { token: helpdesk, body: {} });
    expect(otherAdmin.status).toBe(403);
  });

  it('syncs every user changed after a cursor, oldest change first, page by page', async () => {
    const all = new Map<string, number>();
    let since = 0;
    let pages = 0;
    for (;;) {
      const reply = await h.call('GET', `${USERS}/changes?since=${since}&limit=7`, { token: reader });
      for (const user of reply.body.users) {
        expect(user.changeSeq).toBeGreaterThan(since);
        all.set(user.id, user.changeSeq);
      }
      expect(reply.body.cursor).toBeGreaterThanOrEqual(since);
      since = reply.body.cursor;
      pages += 1;
      if (!reply.body.hasMore) break;
    }
    expect(all.size).toBe(38);
    expect(pages).toBeGreaterThan(5);
    const none = await h.call('GET', `${USERS}/changes?since=${since}`, { token: reader });
    expect(none.body).toEqual({ users: [], cursor: since, hasMore: false });
    const id = await h.idOf(demoEmail('aoife.byrne'));
    await h.call('PATCH', `${USERS}/${id}`, { token: admin, body: { name: 'Aoife Byrne-Walsh' } });
    const next = await h.call('GET', `${USERS}/changes?since=${since}`, { token: reader });
    expect(next.body.users.map((user: { name: string }) => user.name)).toEqual(['Aoife Byrne-Walsh']);
    expect(next.body.cursor).toBe(next.body.users[0].changeSeq);

    // A user's own steps leave their change pending (no number taken in the sign-in's write); the sync numbers it
    // before it reads, after every number issued so far.
    const enrolling = demoEmail('noah.clarke');
    await enrollTotp(h, enrolling);
    const own = await h.call('GET', `${USERS}/changes?since=${next.body.cursor}`, { token: reader });
    expect(own.body.users.map((user: any) => ({ email: user.email, methods: user.methods, signedIn: user.lastSignInAt !== null }))).toEqual([
      { email: enrolling, methods: ['totp'], signedIn: true },
    ]);
    expect(own.body.users[0].changeSeq).toBeGreaterThan(next.body.cursor);
    const quiet = await h.call('GET', `${USERS}/changes?since=${own.body.cursor}`, { token: reader });
    expect(quiet.body).toEqual({ users: [], cursor: own.body.cursor, hasMore: false });
  });

  it('lists stale users (no sign-in for N days, or never) and deactivates them in bulk, one audit entry each', async () => {
    const stale = await h.call('GET', `${USERS}/stale`, { token: reader });
    expect(stale.body.days).toBe(90);
    const staleEmails = emails(stale.body);
    expect(staleEmails).toEqual(expect.arrayContaining([demoEmail('drew.hughes'), demoEmail('kai.mueller'), demoEmail('lee.nguyen'), demoEmail('chris.ortega')]));
    expect(staleEmails).not.toContain(demoEmail('taylor.brooks'));
    expect((await h.call('GET', `${USERS}/stale?days=10`, { token: reader })).body.total).toBeGreaterThan(stale.body.total);

    const ids = await Promise.all([demoEmail('drew.hughes'), demoEmail('kai.mueller'), demoEmail('taylor.brooks'), OPERATORS.otherAdmin, demoEmail('casey.morgan')].map((email) => h.idOf(email)));
    const reply = await h.call('POST', `${USERS}/bulk-deactivate`, { token: helpdesk, body: { userIds: [...ids, 'no-such-id'] } });
    expect(reply.status).toBe(200);
    expect(reply.body.deactivated).toBe(2);
    expect(reply.body.skipped.map((skip: { reason: string }) => skip.reason)).toEqual(['already_inactive', 'operator_lacks_permission', 'own_account', 'not_found']);
    const audit = (await h.call('GET', `/api/v1/admin/audit?action=user.deactivate&actor=${demoEmail('casey.morgan')}`, { token: reader })).body.entries;
    expect(audit.filter((entry: any) => entry.evidence?.bulk)).toHaveLength(2);
    const synced = (await h.call('GET', `${USERS}/changes?since=0&limit=10000`, { token: reader })).body.users;
    const seqs = synced.filter((user: any) => ids.slice(0, 2).includes(user.id)).map((user: any) => user.changeSeq);
    expect(new Set(seqs).size).toBe(2);
    expect((await h.call('POST', `${USERS}/bulk-deactivate`, { token: reader, body: { userIds: ids } })).status).toBe(403);
  });
});
