/** Demo tools for the simulator (R-CON-2) and the pre-enrolled demo users, through app.inject. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticatorCode, parseKeyUri } from '../../shared/domain/key-uri';
import { buildApp } from '../../src-main/service/app';
import { createTrustedSession } from '../../src-main/service/auth/trusted-session';
import { DEMO_COMPANY_ID } from '../../src-main/service/seed/demo-company';
import { DAY, SEED_TIME, auditEntries, demo, operatorToken, signInOk, startHarness, type Harness } from '../fixtures/service-harness';

type DemoUser = { id: string; email: string; methods: string[]; lockedUntil: number | null; hasRecoveryCode: boolean; phoneMasked: string | null };

describe('demo tools and the pre-enrolled demo users', () => {
  let h: Harness;
  let operator: string;
  let users: DemoUser[];
  const byEmail = (local: string) => users.find((user) => user.email === demo(local)) as DemoUser;

  beforeAll(async () => {
    h = await startHarness({ enrollments: true });
    operator = await operatorToken(h);
    users = (await h.call('GET', '/api/v1/demo/users', { token: operator })).body.users;
  });
  afterAll(async () => {
    await h.close();
  });

  it('seeds users with the app, SMS, both, a payor and one locked out, each with a recovery code', () => {
    expect(byEmail('camille.laurent')).toMatchObject({ methods: ['totp'], hasRecoveryCode: true });
    expect(byEmail('casey.morgan')).toMatchObject({ methods: ['sms'], phoneMasked: '+•••••••0123' });
    expect(byEmail('mia.thompson').methods).toEqual(['totp', 'sms']);
    expect(byEmail('pat.okafor').methods).toEqual(['totp']);
    expect(byEmail('lukas.becker').lockedUntil).toBe(SEED_TIME + 15 * 60_000);
    expect(byEmail('jordan.patel')).toMatchObject({ methods: [], hasRecoveryCode: false, lockedUntil: null });
  });

  it('refuses the locked-out demo user until the lock ends', async () => {
    const reply = await h.call('POST', '/api/v1/auth/sign-in', { body: { email: demo('lukas.becker'), password: 'Demo-Password-2026' } });
    expect([reply.status, reply.body.error.details.lockedUntil]).toEqual([423, SEED_TIME + 15 * 60_000]);
  });

  it("gives the simulated phone a demo user's authenticator, whose codes sign them in", async () => {
    const mia = byEmail('mia.thompson');
    const uri = (await h.call('GET', `/api/v1/demo/users/${mia.id}/authenticator`, { token: operator })).body.keyUri;
    const scan = parseKeyUri(uri);
    if (!scan.ok) throw new Error(scan.message);
    expect(scan.account).toMatchObject({ issuer: 'Northwind Builders', accountName: mia.email });
    const { token } = await signInOk(h, mia.email);
    const reply = await h.call('POST', '/api/v1/auth/challenge', { token, body: { method: 'totp', code: authenticatorCode(scan.account, h.clock.now()) } });
    expect(reply.body).toEqual({ step: 'signed_in' });
    expect((await h.call('GET', `/api/v1/demo/users/${byEmail('jordan.patel').id}/authenticator`, { token: operator })).status).toBe(404);
  });

  it('shows sent text messages in the outbox, newest last, after a given sequence number', async () => {
    const { token } = await signInOk(h, demo('casey.morgan'));
    await h.call('POST', '/api/v1/auth/challenge/sms', { token, body: {} });
    const outbox = (await h.call('GET', '/api/v1/demo/sms-outbox', { token: operator })).body.messages;
    const last = outbox.at(-1);
    expect(last).toMatchObject({ to: '+12015550123', userEmail: demo('casey.morgan'), sentAt: h.clock.now(), expiresAt: h.clock.now() + 10 * 60_000 });
    expect(last.body).toContain(last.code);
    expect(last.body).toMatch(/Northwind Builders verification code\. It works for 10 minutes/);
    expect((await h.call('GET', `/api/v1/demo/sms-outbox?afterSeq=${last.seq}`, { token: operator })).body.messages).toEqual([]);
    expect((await h.call('POST', '/api/v1/auth/challenge', { token, body: { method: 'sms', code: last.code } })).body).toEqual({ step: 'signed_in' });
  });

  it('shifts the simulated clock, which every rule of the company follows', async () => {
    expect((await h.call('GET', '/api/v1/demo/clock', { token: operator })).body).toEqual({ offsetMs: 0, companyNow: SEED_TIME, realNow: SEED_TIME, shiftRefusal: null });
    expect((await signInOk(h, demo('jordan.patel'))).next.step).toBe('setup_optional');
    const shifted = await h.call('PUT', '/api/v1/demo/clock', { token: operator, body: { offsetMs: 46 * DAY } });
    expect(shifted.body).toEqual({ offsetMs: 46 * DAY, companyNow: SEED_TIME + 46 * DAY, realNow: SEED_TIME, shiftRefusal: null });
    try {
      expect((await signInOk(h, demo('jordan.patel'))).next).toMatchObject({ step: 'setup_required', reason: 'company_policy' });
      const lukas = await h.call('POST', '/api/v1/auth/sign-in', { body: { email: demo('lukas.becker'), password: 'Demo-Password-2026' } });
      expect(lukas.body.next.step).toBe('challenge');
      expect((await auditEntries(h, 'demo.clock_shifted')).length).toBe(1);
    } finally {
      await h.call('PUT', '/api/v1/demo/clock', { token: operator, body: { offsetMs: 0 } });
    }
  });

  it('resets a demo user to not enrolled and signs them out', async () => {
    const pat = byEmail('pat.okafor');
    const uri = (await h.call('GET', `/api/v1/demo/users/${pat.id}/authenticator`, { token: operator })).body.keyUri;
    const scan = parseKeyUri(uri);
    if (!scan.ok) throw new Error(scan.message);
    h.clock.advance(30_000);
    const { token } = await signInOk(h, pat.email);
    await h.call('POST', '/api/v1/auth/challenge', { token, body: { method: 'totp', code: authenticatorCode(scan.account, h.clock.now()) } });
    const reset = await h.call('POST', `/api/v1/demo/users/${pat.id}/reset`, { token: operator, body: {} });
    expect(reset.body).toMatchObject({ methods: [], hasRecoveryCode: false, lockedUntil: null });
    expect((await h.call('GET', '/api/v1/me/security', { token })).status).toBe(401);
    expect((await signInOk(h, pat.email)).next.step).toBe('setup_required');
    expect((await h.call('GET', '/api/v1/demo/clock', { token: operator })).status).toBe(200);
  });

  it('answers demo tools only to operators of the demo company in a service that runs them', async () => {
    const { token } = await signInOk(h, demo('thabo.nkosi'));
    await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} });
    expect((await h.call('GET', '/api/v1/demo/sms-outbox', { token })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/demo/clock')).status).toBe(401);

    const plain = await buildApp({ store: h.store, clock: h.clock, version: 'test', checkResponses: true, mfa: { keys: h.keys } });
    try {
      const reply = await plain.inject({ method: 'GET', url: '/api/v1/demo/sms-outbox', headers: { authorization: `Bearer ${operator}` } });
      expect([reply.statusCode, reply.json().error.details.reason]).toEqual([403, 'demo_tools_off']);
    } finally {
      await plain.close();
    }
    await h.store.write((trx) => trx.updateTable('companies').set({ is_demo: 0 }).where('id', '=', DEMO_COMPANY_ID).execute());
    try {
      const reply = await h.call('PUT', '/api/v1/demo/clock', { token: operator, body: { offsetMs: DAY } });
      expect([reply.status, reply.body.error.details.reason]).toEqual([403, 'not_demo_company']);
    } finally {
      await h.store.write((trx) => trx.updateTable('companies').set({ is_demo: 1 }).where('id', '=', DEMO_COMPANY_ID).execute());
    }
  });
});

describe('demo tools act only on the seeded demo people, for admins on both tools (R-CON-2)', () => {
  let h: Harness;
  let admin: string;
  let ids: { mia: string; avery: string; jordan: string };
  const idOf = async (email: string) => (await h.store.db.selectFrom('users').select('id').where('email_lower', '=', email).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    h = await startHarness({ enrollments: true });
    admin = await operatorToken(h);
    ids = { mia: await idOf(demo('mia.thompson')), avery: await idOf(demo('avery.admin')), jordan: await idOf(demo('jordan.patel')) };
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses every demo tool to a read-only operator, who cannot reset, read keys or codes, nor move the clock', async () => {
    const reader = await createTrustedSession(h.store, demo('riley.reader'), h.clock.now());
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/demo/users'],
      ['GET', '/api/v1/demo/sms-outbox'],
      ['GET', '/api/v1/demo/clock'],
      ['PUT', '/api/v1/demo/clock', { offsetMs: DAY }],
      ['GET', `/api/v1/demo/users/${ids.mia}/authenticator`],
      ['POST', `/api/v1/demo/users/${ids.avery}/reset`, {}],
    ];
    for (const [method, url, body] of calls) {
      const reply = await h.call(method, url, { token: reader, body });
      expect([url, reply.status, reply.body.error.details.reason]).toEqual([url, 403, 'operator_lacks_permission']);
    }
    expect((await h.call('GET', '/api/v1/demo/clock', { token: admin })).body.offsetMs).toBe(0);
    expect((await h.call('GET', `/api/v1/demo/users`, { token: admin })).body.users.find((u: { id: string }) => u.id === ids.avery)).toMatchObject({ methods: [] });
  });

  it("never resets the console operator's own account", async () => {
    const reply = await h.call('POST', `/api/v1/demo/users/${ids.avery}/reset`, { token: admin, body: {} });
    expect([reply.status, reply.body.error.details.reason]).toEqual([403, 'own_account']);
  });

  it('audits a demo reset with the MFA state before and after, and an authenticator key read', async () => {
    await h.call('GET', `/api/v1/demo/users/${ids.mia}/authenticator`, { token: admin });
    const [read] = await auditEntries(h, 'demo.authenticator_read');
    expect(read).toMatchObject({ actor_email: demo('avery.admin'), target_email: demo('mia.thompson') });
    expect((await h.call('POST', `/api/v1/demo/users/${ids.mia}/reset`, { token: admin, body: {} })).status).toBe(200);
    const [entry] = await auditEntries(h, 'demo.enrollment_reset');
    expect(JSON.parse(entry?.before ?? 'null')).toMatchObject({ methods: ['totp', 'sms'], hasRecoveryCode: true, phone: expect.stringMatching(/^\+/) });
    expect(JSON.parse(entry?.after ?? 'null')).toMatchObject({ methods: [], hasRecoveryCode: false, phone: null, enrolledAt: null });
  });

  it('leaves anyone imported or added to the demo company alone: not listed, not reset, no codes shown, clock kept real', async () => {
    const added = await h.call('POST', '/api/v1/admin/users', {
      token: admin,
      body: { email: 'real.person@northwind.example', name: 'Real Person', country: 'US', timeZone: 'America/New_York' },
    });
    expect(added.status).toBe(200);
    const realId: string = added.body.id;
    const users = (await h.call('GET', '/api/v1/demo/users', { token: admin })).body.users;
    expect(users.map((user: { email: string }) => user.email)).not.toContain('real.person@northwind.example');
    expect(users.length).toBeGreaterThan(30);
    for (const [method, url] of [['POST', `/api/v1/demo/users/${realId}/reset`], ['GET', `/api/v1/demo/users/${realId}/authenticator`]] as const) {
      const reply = await h.call(method, url, { token: admin, body: method === 'POST' ? {} : undefined });
      expect([reply.status, reply.body.error.details.reason]).toEqual([403, 'not_demo_person']);
    }
    const sent = { companyId: DEMO_COMPANY_ID, to: '+12015550100', body: '123456 is your code', code: '123456', sentAt: h.clock.now(), expiresAt: h.clock.now() + 600_000 };
    await h.outbox.send({ ...sent, userId: realId, userEmail: 'real.person@northwind.example' });
    await h.outbox.send({ ...sent, userId: ids.jordan, userEmail: demo('jordan.patel') });
    const outbox = (await h.call('GET', '/api/v1/demo/sms-outbox', { token: admin })).body.messages;
    expect(outbox.map((message: { userEmail: string }) => message.userEmail)).toEqual([demo('jordan.patel')]);

    const clock = (await h.call('GET', '/api/v1/demo/clock', { token: admin })).body;
    expect(clock.shiftRefusal).toMatch(/1 person who is not a demo person/);
    const shift = await h.call('PUT', '/api/v1/demo/clock', { token: admin, body: { offsetMs: DAY } });
    expect([shift.status, shift.body.error.details.reason]).toEqual([403, 'not_only_demo_people']);
    expect((await h.call('PUT', '/api/v1/demo/clock', { token: admin, body: { offsetMs: 0 } })).status).toBe(200);
  });
});
