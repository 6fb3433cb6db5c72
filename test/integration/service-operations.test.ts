/**
 * The standalone service as operators run it: JSON log lines with the request id on every line of a request and the
 * same id in error bodies, and never a password, code, token or secret in the log (grepped after a full sign-in,
 * enrollment, invitation and password reset run at the most verbose level); readiness that follows the database while liveness does not; and a
 * graceful stop on SIGTERM that finishes the request in flight, refuses new connections and closes the database.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VAULT_FILE_NAME } from '../../src-main/service/secrets/file-vault';
import { DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { createTestSchema, dropTestSchema, schemaUrl } from '../fixtures/pg-schema';
import { callService, codeFor, signInDemoAdmin } from '../fixtures/service-http';
import { tempDirs } from '../fixtures/temp-dirs';
import { NO_KEYCHAIN, logLines, startServiceProcess, type LogLine, type ServiceProcess } from '../fixtures/service-process';

const PG_URL = process.env.MFA_TEST_PG_URL;
const demo = (local: string) => `${local}@northwind.example`;

/** Waits until `check` holds, polling every 50 ms, for at most `ms`. */
async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the standalone service in operation', () => {
  const dirs = tempDirs('mfa-operations-');
  const freshDir = () => dirs.fresh();
  afterAll(() => dirs.removeAll());

  it('logs JSON lines with request ids, and no password, code, token or secret, through sign-in, enrollment, an invitation and a reset', async () => {
    const dir = freshDir();
    const service = await startServiceProcess(['--port', '0', '--data', dir, '--demo', '--log-level', 'trace'], NO_KEYCHAIN);
    const secrets: string[] = [DEMO_PASSWORD];
    const errors: Array<{ requestId: string; header: string | null; status: number }> = [];
    const call = async (method: string, url: string, options: { token?: string; body?: unknown } = {}) => {
      const reply = await callService(service.url, method, url, options);
      if (reply.status >= 400) errors.push({ requestId: reply.body.error.requestId, header: reply.headers.get('x-request-id'), status: reply.status });
      return reply;
    };
    try {
      const admin = await signInDemoAdmin(service.url);
      secrets.push(admin.token, admin.recoveryCode, new URL(admin.keyUri).searchParams.get('secret') ?? admin.keyUri);

      // Jordan signs in, sets up SMS, then the app in Password & Security, signs out, and signs in with the app.
      const email = demo('jordan.patel');
      const wrongPassword = `wrong-${randomBytes(6).toString('hex')}`;
      secrets.push(wrongPassword);
      await call('POST', '/api/v1/auth/sign-in', { body: { email, password: wrongPassword } });
      const signIn = (await call('POST', '/api/v1/auth/sign-in', { body: { email, password: DEMO_PASSWORD } })).body;
      secrets.push(signIn.token);
      expect((await call('POST', '/api/v1/auth/setup/sms', { token: signIn.token, body: { phone: '+1 201 555 0177' } })).status).toBe(200);
      const outbox = async () => (await call('GET', '/api/v1/demo/sms-outbox', { token: admin.token })).body.messages as Array<{ userEmail: string; code: string }>;
      const smsCode = (await outbox()).filter((message) => message.userEmail === email).at(-1)?.code ?? '';
      secrets.push(smsCode);
      await call('POST', '/api/v1/auth/setup/sms/confirm', { token: signIn.token, body: { code: smsCode === '000000' ? '111111' : '000000' } });
      const confirmed = (await call('POST', '/api/v1/auth/setup/sms/confirm', { token: signIn.token, body: { code: smsCode } })).body;
      secrets.push(confirmed.recoveryCode);
      await call('POST', '/api/v1/auth/recovery-code/acknowledge', { token: signIn.token, body: { saved: true } });
      expect((await call('POST', '/api/v1/me/password/confirm', { token: signIn.token, body: { password: DEMO_PASSWORD } })).status).toBe(200);
      const app = (await call('POST', '/api/v1/me/authenticator', { token: signIn.token, body: {} })).body;
      secrets.push(app.secret);
      const appCode = codeFor(app.keyUri);
      secrets.push(appCode);
      const newApp = await call('POST', '/api/v1/me/authenticator/confirm', { token: signIn.token, body: { code: appCode } });
      expect(newApp.status, JSON.stringify(newApp.body)).toBe(200);
      secrets.push(newApp.body.recoveryCode);
      await call('POST', '/api/v1/auth/sign-out', { token: signIn.token, body: {} });
      const again = (await call('POST', '/api/v1/auth/sign-in', { body: { email, password: DEMO_PASSWORD } })).body;
      secrets.push(again.token);
      // The phone's resend wait is still running: Jordan uses the recovery code, and saves the new one.
      const recovered = (await call('POST', '/api/v1/auth/challenge', { token: again.token, body: { method: 'recovery_code', code: newApp.body.recoveryCode } })).body;
      expect(recovered.step).toBe('save_recovery_code');
      secrets.push(recovered.recoveryCode);
      await call('POST', '/api/v1/auth/recovery-code/acknowledge', { token: again.token, body: { saved: true } });
      // Nia accepts her invitation from the demo mail outbox, opening its page first; Jordan resets his password.
      const mails = async (to: string) =>
        ((await call('GET', '/api/v1/demo/mail-outbox', { token: admin.token })).body.messages as Array<{ to: string; link: string | null }>).filter((mail) => mail.to === to);
      const tokenOf = (link: string | null | undefined) => new URL(link ?? 'http://x/').searchParams.get('token') ?? '';
      const invitation = tokenOf((await mails(demo('nia.okoye'))).at(-1)?.link);
      secrets.push(invitation);
      expect((await fetch(`${service.url}/account/invitation?token=${invitation}`)).status).toBe(200);
      expect((await call('POST', '/api/v1/account/link', { body: { token: invitation } })).body.state).toBe('valid');
      const niaPassword = `nia-${randomBytes(9).toString('base64url')}`;
      secrets.push(niaPassword);
      const accepted = await call('POST', '/api/v1/account/invitation/accept', { body: { token: invitation, password: niaPassword } });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      secrets.push(accepted.body.signIn.token);
      expect((await call('POST', '/api/v1/account/password/forgot', { body: { email } })).status).toBe(200);
      const reset = tokenOf((await mails(email)).at(-1)?.link);
      secrets.push(reset);
      const jordanPassword = `jordan-${randomBytes(9).toString('base64url')}`;
      secrets.push(jordanPassword);
      const changed = await call('POST', '/api/v1/account/password/reset', { body: { token: reset, password: jordanPassword } });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      if (changed.body.signIn?.token) secrets.push(changed.body.signIn.token);
      // A token in an address is not logged either (one-time links carry theirs in the query).
      const linkToken = randomBytes(24).toString('base64url');
      secrets.push(linkToken);
      expect((await call('GET', `/api/v1/no-such-page?token=${linkToken}`)).status).toBe(404);
      await call('GET', '/api/v1/me/security', { token: randomBytes(32).toString('base64url') });
      expect((await call('GET', '/api/v1/ready')).body).toEqual({ status: 'ready', storage: 'sqlite' });
    } finally {
      expect(await service.stop()).toBe(0);
    }

    const vault = JSON.parse(readFileSync(path.join(dir, VAULT_FILE_NAME), 'utf8')) as { secrets: Record<string, string> };
    secrets.push(...Object.entries(vault.secrets).filter(([account]) => /-key:[a-z0-9]+$/.test(account) && !account.endsWith(':current')).map(([, value]) => value));
    const stderr = service.stderr();
    const lines = logLines(stderr);
    for (const secret of secrets.filter((value) => value.length >= 6)) expect(stderr, `a secret (${secret.length} characters) is in the log`).not.toContain(secret);
    expect(secrets.length).toBeGreaterThan(12);

    const ofRequests = lines.filter((line) => line.req !== undefined || line.res !== undefined || line.msg === 'refused');
    expect(ofRequests.length).toBeGreaterThan(40);
    for (const line of ofRequests) expect(line.reqId, JSON.stringify(line)).toMatch(/^[0-9a-f-]{36}$/);
    expect(errors.length).toBeGreaterThanOrEqual(4);
    for (const error of errors) {
      expect(error.header).toBe(error.requestId);
      const completed = lines.find((line: LogLine) => line.reqId === error.requestId && line.msg === 'request completed');
      expect(completed?.res).toEqual({ statusCode: error.status });
    }
  });

  describe.skipIf(!PG_URL)('on PostgreSQL', () => {
    const url = PG_URL ?? '';
    const schemas: string[] = [];
    afterAll(async () => {
      for (const schema of schemas) await dropTestSchema(url, schema);
    });

    it('is ready while its database answers, not ready while it does not, and alive throughout', async () => {
      const schema = await createTestSchema(url, 'ready');
      schemas.push(schema);
      const target = new URL(url);
      // A TCP relay in front of PostgreSQL that the test can cut and restore.
      const sockets = new Set<net.Socket>();
      const relay = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => socket.destroy());
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
      const port = (relay.address() as net.AddressInfo).port;
      const relayed = new URL(schemaUrl(url, schema));
      relayed.hostname = '127.0.0.1';
      relayed.port = String(port);
      const service = await startServiceProcess(['--port', '0', '--database', relayed.toString(), '--data', freshDir()], NO_KEYCHAIN);
      try {
        expect(await callService(service.url, 'GET', '/api/v1/ready')).toMatchObject({ status: 200, body: { status: 'ready', storage: 'postgres' } });
        await new Promise<void>((resolve) => relay.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        const down = await callService(service.url, 'GET', '/api/v1/ready');
        expect(down.status).toBe(503);
        expect(down.body.error).toMatchObject({ code: 'service_unavailable', message: expect.stringMatching(/cannot reach its database/), requestId: down.headers.get('x-request-id') });
        expect((await callService(service.url, 'GET', '/api/v1/health')).status).toBe(200);
        await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
        let ready = 0;
        for (let attempt = 0; attempt < 50 && ready !== 200; attempt += 1) {
          ready = (await callService(service.url, 'GET', '/api/v1/ready')).status;
          if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(ready).toBe(200);
        expect(logLines(service.stderr()).some((line) => line.msg === 'not ready: the database does not answer' && typeof line.reqId === 'string')).toBe(true);
      } finally {
        await service.stop();
        relay.close();
        for (const socket of sockets) socket.destroy();
      }
    });

    it('on SIGTERM finishes the request in flight, refuses new connections, closes the database and exits 0', async () => {
      const schema = await createTestSchema(url, 'shutdown');
      schemas.push(schema);
      const service: ServiceProcess = await startServiceProcess(['--port', '0', '--database', schemaUrl(url, schema), '--data', freshDir(), '--demo'], NO_KEYCHAIN);
      const { port } = new URL(service.url);
      const body = JSON.stringify({ email: demo('jordan.patel'), password: DEMO_PASSWORD });
      const half = Math.floor(body.length / 2);
      // A sign-in whose body arrives in two parts: it is in flight from its first part until its last.
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(
          { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/sign-in', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
          },
        );
        request.on('error', reject);
        request.write(body.slice(0, half));
        void until(() => logLines(service.stderr()).some((line) => line.msg === 'shutting down: accepting no new connections, finishing the requests in flight'), 'the shutdown to begin')
          .then(async () => {
            await expect(fetch(`${service.url}/api/v1/health`)).rejects.toThrow();
            request.end(body.slice(half));
          })
          .catch(reject);
      });
      await until(() => logLines(service.stderr()).some((line) => line.msg === 'incoming request' && (line.req as { route?: string })?.route === '/api/v1/auth/sign-in'), 'the sign-in to arrive');
      service.terminate();
      const reply = await answer;
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ token: expect.any(String) });
      expect(await service.exited).toBe(0);
      const messages = logLines(service.stderr()).map((line) => (line.reqId && line.msg === 'request completed' ? 'sign-in completed' : line.msg));
      const order = ['shutting down: accepting no new connections, finishing the requests in flight', 'sign-in completed', 'requests finished; closing the database', 'stopped'];
      expect(messages.filter((message) => order.includes(message))).toEqual(order);
    });
  });
});
