/**
 * Sign-in activity (R-LOG-1) on both engines: every step of the sign-in is recorded with its outcome, method, client
 * address and user agent, never a password, code or token; the list filters and pages newest first; the export is
 * CSV; who may see it follows the Helpdesk rule (R-RST-5); attempts older than the policy's retention are pruned.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- replies are read as loose JSON; each test asserts their shape */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv, isCsvRecord } from '../../shared/domain/csv';
import { totpCode } from '../../shared/domain/totp';
import { DEMO_HELPDESK_EMAIL, DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { testEngines } from '../fixtures/engines';
import { DAY, enrollTotp, signInOk } from '../fixtures/service-harness';
import { OPERATORS, bulkDirectoryCsv, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const ACTIVITY = '/api/v1/admin/sign-in-activity';
const AGENT = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' };

describe.each(testEngines('sign_in_activity'))('sign-in activity on $name', (engine) => {
  let h: AdminHarness;
  let admin: string;
  let helpdesk: string;
  let secret: string;
  const jordan = demoEmail('jordan.patel');
  const list = async (query: string, token = helpdesk) => (await h.call('GET', `${ACTIVITY}?${query}`, { token })).body;

  beforeAll(async () => {
    h = await startAdminHarness({ store: await engine.open() });
    admin = await h.tokenFor(OPERATORS.admin);
    helpdesk = await h.tokenFor(DEMO_HELPDESK_EMAIL);
    secret = (await enrollTotp(h, jordan)).secret;
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  it('records each step with outcome, method, address and user agent, and what the person was told', async () => {
    const signIn = (email: string, password: string) => h.call('POST', '/api/v1/auth/sign-in', { body: { email, password }, ip: '203.0.113.7', headers: AGENT });
    expect((await signIn(jordan, 'not-the-password')).status).toBe(401);
    expect((await signIn('jordan.patel@northwind.exmaple', DEMO_PASSWORD)).status).toBe(401);
    expect((await signIn(demoEmail('taylor.brooks'), DEMO_PASSWORD)).status).toBe(403);
    expect((await signIn('sam.rivera@sso.northwind.example', 'whatever')).body.next.step).toBe('sso');
    const ok = await signIn(jordan, DEMO_PASSWORD);
    expect(ok.body.next.step).toBe('challenge');
    const token = ok.body.token;
    const wrong = await h.call('POST', '/api/v1/auth/challenge', { token, body: { method: 'totp', code: '000000' }, ip: '203.0.113.7', headers: AGENT });
    expect(wrong.status).toBe(422);
    h.clock.advance(30_000);
    const right = await h.call('POST', '/api/v1/auth/challenge', { token, body: { method: 'totp', code: totpCode(secret, h.clock.now()) }, ip: '203.0.113.7', headers: AGENT });
    expect(right.body).toEqual({ step: 'signed_in' });

    const { attempts } = await list('limit=7');
    expect(attempts.map((a: any) => [a.outcome, a.method])).toEqual([
      ['signed_in', 'totp'],
      ['wrong_code', 'totp'],
      ['code_asked', 'password'],
      ['sso_redirect', 'password'],
      ['inactive', 'password'],
      ['wrong_password', 'password'],
      ['wrong_password', 'password'],
    ]);
    const [signedIn, wrongCode, , sso, inactive, unknown, wrongPassword] = attempts;
    expect(signedIn).toMatchObject({ emailTyped: jordan, user: { email: jordan, name: 'Jordan Patel' }, ip: '203.0.113.7', userAgent: AGENT['user-agent'] });
    expect(wrongCode.detail).toMatch(/^That code is not right.*4 tries left/);
    expect(sso).toMatchObject({ user: { email: 'sam.rivera@sso.northwind.example' }, detail: expect.stringMatching(/identity provider/) });
    expect(inactive).toMatchObject({ user: { name: 'Taylor Brooks' }, detail: expect.stringMatching(/inactive/) });
    expect(unknown).toMatchObject({ emailTyped: 'jordan.patel@northwind.exmaple', user: null, detail: 'The email or password is not right. Check both and try again.' });
    expect(wrongPassword.user.email).toBe(jordan);
    expect(signedIn.at).toBeGreaterThan(wrongPassword.at);

    const everything = JSON.stringify(await h.store.db.selectFrom('sign_in_activity').selectAll().execute());
    for (const secretText of [DEMO_PASSWORD, 'not-the-password', token, totpCode(secret, h.clock.now())]) expect(everything).not.toContain(secretText);
  });

  it('records set-up, skipping it, and throttled passwords', async () => {
    const aoife = demoEmail('aoife.byrne');
    const { token } = await signInOk(h, aoife);
    const setup = await h.call('POST', '/api/v1/auth/setup/totp', { token, body: {} });
    expect((await h.call('POST', '/api/v1/auth/setup/totp/confirm', { token, body: { code: '000000' } })).status).toBe(422);
    await h.call('POST', '/api/v1/auth/setup/totp/confirm', { token, body: { code: totpCode(setup.body.secret, h.clock.now()) } });
    const byAoife = await list(`who=${encodeURIComponent(aoife)}`);
    expect(byAoife.attempts.map((a: any) => [a.outcome, a.method])).toEqual([
      ['signed_in', 'totp'],
      ['wrong_code', 'totp'],
      ['setup_offered', 'password'],
    ]);
    expect(byAoife.attempts[0].detail).toMatch(/Set up an authenticator app/);

    const weiling = demoEmail('weiling.tan');
    const skipper = await signInOk(h, weiling);
    expect((await h.call('POST', '/api/v1/auth/setup/skip', { token: skipper.token, body: {} })).status).toBe(200);
    expect((await list(`who=${encodeURIComponent(weiling)}&limit=1`)).attempts[0]).toMatchObject({ outcome: 'setup_skipped', method: null });

    const drew = demoEmail('drew.hughes');
    for (let i = 0; i < 6; i += 1) await h.call('POST', '/api/v1/auth/sign-in', { body: { email: drew, password: 'wrong-password' } });
    const throttled = await list(`who=${encodeURIComponent(drew)}&outcome=throttled`);
    expect(throttled.attempts).toHaveLength(1);
    expect(throttled.attempts[0].detail).toMatch(/wait/i);
  });

  it('filters by email as typed, name words, user, outcome, method, address and time, and pages newest first', async () => {
    const byTypo = await list(`who=${encodeURIComponent('Jordan.Patel@northwind.EXMAPLE')}`);
    expect(byTypo.attempts.map((a: any) => a.emailTyped)).toEqual(['jordan.patel@northwind.exmaple']);
    const byName = await list('who=jordan%20pat');
    expect(byName.attempts.every((a: any) => a.user?.email === jordan)).toBe(true);
    expect(byName.attempts.length).toBeGreaterThanOrEqual(6);
    const byId = await list(`userId=${await h.idOf(jordan)}&outcome=wrong_password`);
    expect(byId.attempts).toHaveLength(1);
    // Jordan signed in by setting up the app (before these tests) and with a code; Aoife by setting it up.
    expect((await list('method=totp&outcome=signed_in')).attempts.map((a: any) => a.user.email)).toEqual([demoEmail('aoife.byrne'), jordan, jordan]);
    expect((await list('ip=203.0.113.7')).attempts).toHaveLength(7);
    const now = h.clock.now();
    expect((await list(`from=${now + 1}`)).attempts).toEqual([]);
    expect((await list(`to=${now - 3_600_000}`)).attempts).toEqual([]);

    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await list(`limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...page.attempts);
      cursor = page.nextCursor;
    } while (cursor);
    const whole = await list('limit=500');
    expect(all.map((a) => a.seq)).toEqual(whole.attempts.map((a: any) => a.seq));
    expect(all.map((a) => a.at)).toEqual([...all.map((a) => a.at)].sort((x, y) => y - x));
  });

  it('answers bad filters in the error shape, and too broad a name with a hint', async () => {
    const both = await h.call('GET', `${ACTIVITY}?who=jordan&userId=x`, { token: helpdesk });
    expect(both.status).toBe(400);
    expect(both.body.error).toMatchObject({ code: 'bad_request', message: 'Filter by who or by one user (userId), not both.' });
    const outcome = await h.call('GET', `${ACTIVITY}?outcome=hacked`, { token: helpdesk });
    expect(outcome.status).toBe(400);
    expect(outcome.body.error.message).toMatch(/outcome: Pick an outcome from the list/);
    expect((await h.call('GET', `${ACTIVITY}?limit=501`, { token: helpdesk })).status).toBe(400);
    const imported = await h.importCsv(admin, bulkDirectoryCsv(210));
    expect(imported.status).toBe(200);
    const broad = await h.call('GET', `${ACTIVITY}?who=bulk`, { token: helpdesk });
    expect(broad.status).toBe(400);
    expect(broad.body.error.message).toBe('More than 200 people match "bulk". Type more of their name, or their whole email.');
  });

  it('shows activity to Helpdesk and Company Admin permissions only', async () => {
    expect((await h.call('GET', ACTIVITY, { token: await h.tokenFor(OPERATORS.reader) })).status).toBe(200);
    await h.grant(demoEmail('casey.morgan'), 'none', 'standard');
    const directoryOnly = await h.call('GET', ACTIVITY, { token: await h.tokenFor(demoEmail('casey.morgan')) });
    expect(directoryOnly.status).toBe(403);
    expect(directoryOnly.body.error.message).toMatch(/^Sign-in activity needs the Helpdesk permission or a permission on the Company Admin tool/);
    expect((await h.call('GET', `${ACTIVITY}/export`, { token: await h.tokenFor(demoEmail('casey.morgan')) })).status).toBe(403);
  });

  it('exports the filtered attempts as CSV, newest first, with formula-like text made inert', async () => {
    await h.call('POST', '/api/v1/auth/sign-in', { body: { email: '=HYPERLINK("x")@evil.example', password: 'x' } });
    const reply = await h.app.inject({ method: 'GET', url: `${ACTIVITY}/export?outcome=wrong_password`, headers: { authorization: `Bearer ${helpdesk}` } });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/csv/);
    const records = readCsv(reply.body).filter(isCsvRecord).map((record) => record.fields);
    expect(records[0]).toEqual(['time_utc', 'email_typed', 'user_id', 'user_email', 'user_name', 'outcome', 'method', 'detail', 'ip', 'user_agent']);
    expect(records[1]?.[1]).toBe(`'=HYPERLINK("x")@evil.example`);
    expect(records.slice(1).every((fields) => fields[5] === 'wrong_password')).toBe(true);
    expect(records.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps attempts for the policy retention, then prunes them', async () => {
    const policy = await h.call('GET', '/api/v1/admin/policy', { token: admin });
    expect(policy.body.signInRetentionDays).toBe(90);
    const tooShort = await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: policy.body.version, signInRetentionDays: 0 } });
    expect(tooShort.body.error.details.fields.signInRetentionDays).toBe('Keep sign-in activity for 1 to 3650 days.');
    expect((await h.call('PUT', '/api/v1/admin/policy', { token: helpdesk, body: { version: policy.body.version, signInRetentionDays: 2 } })).status).toBe(403);
    const saved = await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: policy.body.version, signInRetentionDays: 2 } });
    expect(saved.body.changed).toEqual(['signInRetentionDays']);
    const before = (await list('limit=500')).attempts.length;
    expect(before).toBeGreaterThan(10);
    h.clock.advance(2 * DAY + 60_000);
    await h.call('POST', '/api/v1/auth/sign-in', { body: { email: jordan, password: 'still-wrong' } });
    const after = (await list('limit=500')).attempts;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ outcome: 'wrong_password', emailTyped: jordan });

    h.clock.advance(DAY + 60_000);
    const current = await h.call('GET', '/api/v1/admin/policy', { token: admin });
    await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: current.body.version, signInRetentionDays: 1 } });
    expect((await list('limit=500')).attempts).toEqual([]);
  });
});
