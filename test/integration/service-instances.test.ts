/**
 * Two standalone service processes (`npm run service`) on one PostgreSQL database, as behind a load balancer
 * (R-CON-5): every protection holds across them because its state lives in the database — replay, lockout, the
 * password throttle, the SMS resend throttle and outbox, sessions and sign-out, concurrent policy saves — and the
 * audit chain, whose head each instance keeps in its own vault, verifies on both without a false "cut off".
 * Runs when MFA_TEST_PG_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { createTestSchema, dropTestSchema, schemaUrl } from '../fixtures/pg-schema';
import { callService, codeFor, signInDemoAdmin, type HttpReply } from '../fixtures/service-http';
import { tempDirs } from '../fixtures/temp-dirs';
import { startServiceProcess, type ServiceProcess } from '../fixtures/service-process';

const PG_URL = process.env.MFA_TEST_PG_URL;
if (!PG_URL) console.warn('service-instances: MFA_TEST_PG_URL is not set, so the two-instance tests are skipped.');

const demo = (local: string) => `${local}@northwind.example`;

describe.skipIf(!PG_URL)('two service instances on one PostgreSQL database', () => {
  const url = PG_URL ?? '';
  let schema = '';
  let keyDir = '';
  const dirs = tempDirs('mfa-instances-');
  let a: ServiceProcess;
  let b: ServiceProcess;
  let operator = { a: '', b: '' };

  const on = (service: ServiceProcess, method: string, route: string, options: { token?: string; body?: unknown } = {}): Promise<HttpReply> =>
    callService(service.url, method, route, options);
  const signIn = async (service: ServiceProcess, email: string, purpose?: 'admin_console') => {
    const reply = await on(service, 'POST', '/api/v1/auth/sign-in', { body: { email, password: DEMO_PASSWORD, ...(purpose ? { purpose } : {}) } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.token as string;
  };
  const challenge = (service: ServiceProcess, token: string, method: string, code: string) =>
    on(service, 'POST', '/api/v1/auth/challenge', { token, body: { method, code } });
  /** The key URI of a seeded demo user's authenticator, from the demo tools. */
  const keyUriOf = async (email: string) => {
    const users = (await on(a, 'GET', '/api/v1/demo/users', { token: operator.a })).body.users as Array<{ id: string; email: string }>;
    const user = users.find((candidate) => candidate.email === email);
    return (await on(a, 'GET', `/api/v1/demo/users/${user?.id}/authenticator`, { token: operator.a })).body.keyUri as string;
  };

  beforeAll(async () => {
    schema = await createTestSchema(url, 'instances');
    keyDir = dirs.fresh();
    const args = ['--port', '0', '--database', schemaUrl(url, schema), '--data', keyDir, '--demo'];
    [a, b] = await Promise.all([startServiceProcess(args), startServiceProcess(args)]);
    const admin = await signInDemoAdmin(a.url);
    // The same admin signs in on B with a recovery code (the app's code was just used on A).
    const onB = await signIn(b, demo('avery.admin'), 'admin_console');
    const recovered = await challenge(b, onB, 'recovery_code', admin.recoveryCode);
    expect(recovered.status, JSON.stringify(recovered.body)).toBe(200);
    await on(b, 'POST', '/api/v1/auth/recovery-code/acknowledge', { token: onB, body: { saved: true } });
    operator = { a: admin.token, b: onB };
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    dirs.removeAll();
    if (schema) await dropTestSchema(url, schema);
  });

  it('refuses on B an authenticator code already accepted on A, without counting it as a failure', async () => {
    const keyUri = await keyUriOf(demo('morgan.lee'));
    const code = codeFor(keyUri);
    expect((await challenge(a, await signIn(a, demo('morgan.lee')), 'totp', code)).body).toEqual({ step: 'signed_in' });
    const replay = await challenge(b, await signIn(b, demo('morgan.lee')), 'totp', code);
    expect([replay.status, replay.body.error.details.reason]).toEqual([422, 'replay']);
    // Not counted: all 5 tries of the demo policy are left.
    expect(replay.body.error.details.attemptsLeft).toBe(5);
  });

  it('adds wrong codes on A and on B up to one lockout, which both then enforce', async () => {
    const email = demo('camille.laurent');
    const onA = await signIn(a, email);
    const onB = await signIn(b, email);
    const statuses: number[] = [];
    for (const [service, token] of [[a, onA], [b, onB], [a, onA], [b, onB], [a, onA]] as const) {
      statuses.push((await challenge(service, token, 'totp', '000000')).status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 423]);
    const blocked = await challenge(b, onB, 'totp', codeFor(await keyUriOf(email)));
    expect(blocked.status).toBe(423);
    const lockouts = (await on(b, 'GET', '/api/v1/admin/audit?action=mfa.lockout', { token: operator.b })).body.entries as Array<{ targetEmail: string }>;
    expect(lockouts.filter((entry) => entry.targetEmail === email)).toHaveLength(1);
  });

  it('throttles wrong passwords for one email across both instances', async () => {
    const email = demo('jordan.patel');
    const wrong = (service: ServiceProcess) => on(service, 'POST', '/api/v1/auth/sign-in', { body: { email, password: 'not the password' } });
    const statuses = [];
    for (const service of [a, b, a, b, a]) statuses.push((await wrong(service)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const throttled = await wrong(b);
    expect([throttled.status, throttled.body.error.details.reason]).toEqual([429, 'password_throttled']);
  });

  it('ends on B a session signed out on A', async () => {
    const token = await signIn(a, demo('giulia.romano'));
    expect((await challenge(a, token, 'totp', codeFor(await keyUriOf(demo('giulia.romano'))))).body).toEqual({ step: 'signed_in' });
    expect((await on(b, 'GET', '/api/v1/me/security', { token })).status).toBe(200);
    expect((await on(a, 'POST', '/api/v1/auth/sign-out', { token, body: {} })).status).toBe(200);
    expect((await on(b, 'GET', '/api/v1/me/security', { token })).status).toBe(401);
  });

  it('sends a text message on A that B shows in its outbox, throttles a resend on B, and accepts the code on B', async () => {
    const email = demo('casey.morgan');
    const token = await signIn(a, email);
    expect((await on(a, 'POST', '/api/v1/auth/challenge/sms', { token, body: {} })).status).toBe(200);
    const outbox = (await on(b, 'GET', '/api/v1/demo/sms-outbox', { token: operator.b })).body.messages as Array<{ userEmail: string; code: string }>;
    const code = outbox.filter((message) => message.userEmail === email).at(-1)?.code ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const resend = await on(b, 'POST', '/api/v1/auth/challenge/sms', { token, body: {} });
    expect([resend.status, resend.body.error.details.reason]).toEqual([429, 'sms_throttled']);
    expect((await challenge(b, token, 'sms', code)).body).toEqual({ step: 'signed_in' });
  });

  it('saves one of two policy changes sent to A and B at once, and refuses the other with 409', async () => {
    const { version } = (await on(a, 'GET', '/api/v1/admin/policy', { token: operator.a })).body;
    const [first, second] = await Promise.all([
      on(a, 'PUT', '/api/v1/admin/policy', { token: operator.a, body: { version, smsCodeTtlMinutes: 12 } }),
      on(b, 'PUT', '/api/v1/admin/policy', { token: operator.b, body: { version, smsCodeTtlMinutes: 15 } }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const saved = (await on(b, 'GET', '/api/v1/admin/policy', { token: operator.b })).body;
    expect(saved.version).toBe(version + 1);
    expect(saved.smsCodeTtlMinutes).toBe(first.status === 200 ? 12 : 15);
  });

  it('verifies the audit chain written by both on both, each against the head in its own vault', async () => {
    for (const [service, token] of [[a, operator.a], [b, operator.b]] as const) {
      const verified = await on(service, 'GET', '/api/v1/admin/audit/verify', { token });
      expect(verified.body, JSON.stringify(verified.body)).toMatchObject({ ok: true });
      expect(verified.body.checked).toBeGreaterThan(3);
    }
  });
});
