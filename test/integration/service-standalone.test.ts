/**
 * The standalone service (`npm run service`): one printed line, health and OpenAPI, --demo seeding, the data key in
 * the keychain or a 0600 file beside the database (with a warning), secrets readable after a restart, demo tools
 * only with --demo, and clear refusals at start.
 */
import { existsSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../shared/api';
import { authenticatorCode, parseKeyUri } from '../../shared/domain/key-uri';
import { VAULT_FILE_NAME } from '../../src-main/service/secrets/file-vault';
import { KeytarVault } from '../../src-main/service/secrets/keytar-vault';
import { DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { callService } from '../fixtures/service-http';
import { tempDirs } from '../fixtures/temp-dirs';
import { logLines, runServiceToExit, startServiceProcess, type ServiceProcess } from '../fixtures/service-process';

const call = callService;

/** The warnings a service logged. */
const warnings = (service: ServiceProcess) => logLines(service.stderr()).filter((line) => line.level === 40).map((line) => line.msg);
const NO_MAIL_SERVER = "No mail server (--smtp-url), so invitations and password resets cannot be emailed outside the demo company's outbox.";

/** Whether a keychain answers here (CI runs a GNOME keyring): then no key file is written. */
const keychain = (await KeytarVault.probe()).ok;

describe('the standalone service', () => {
  const dirs = tempDirs('mfa-standalone-');
  const freshDir = () => dirs.fresh();
  afterAll(() => dirs.removeAll());

  it('starts, seeds the demo, serves its contract, and reads its sealed secrets after a restart', async () => {
    const dir = freshDir();
    let service: ServiceProcess = await startServiceProcess(['--port', '0', '--data', dir, '--demo']);
    let miaUri: string;
    let averyRecovery = '';
    try {
      expect(service.stdout().trim().split('\n')).toEqual([`Service: ${service.url}`]);
      expect((await call(service.url, 'GET', '/api/v1/health')).body).toMatchObject({ status: 'ok', storage: 'sqlite' });
      const doc = (await call(service.url, 'GET', '/api/v1/openapi.json')).body;
      expect(doc.openapi).toMatch(/^3\./);
      const operations = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
      expect(operations.sort()).toEqual(Object.keys(apiRoutes).sort());
      const signIn = doc.paths['/api/v1/auth/sign-in'].post;
      expect(Object.keys(signIn.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '423', '429']));
      expect(signIn.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);

      if (keychain) {
        expect(existsSync(path.join(dir, VAULT_FILE_NAME))).toBe(false);
        expect(warnings(service)).toEqual([NO_MAIL_SERVER]);
      } else {
        expect(statSync(path.join(dir, VAULT_FILE_NAME)).mode & 0o777).toBe(0o600);
        expect(warnings(service)).toEqual([expect.stringMatching(/^Secrets .* are kept in the file .*secret-vault\.json/), NO_MAIL_SERVER]);
      }

      const admin = await call(service.url, 'POST', '/api/v1/auth/sign-in', { body: { email: 'avery.admin@northwind.example', password: DEMO_PASSWORD, purpose: 'admin_console' } });
      const setup = await call(service.url, 'POST', '/api/v1/auth/setup/totp', { token: admin.body.token, body: {} });
      const scanned = parseKeyUri(setup.body.keyUri as string);
      if (!scanned.ok) throw new Error(scanned.message);
      const confirmCode = authenticatorCode(scanned.account, Date.now());
      averyRecovery = (await call(service.url, 'POST', '/api/v1/auth/setup/totp/confirm', { token: admin.body.token, body: { code: confirmCode } })).body.recoveryCode;
      await call(service.url, 'POST', '/api/v1/auth/recovery-code/acknowledge', { token: admin.body.token, body: { saved: true } });
      const users = (await call(service.url, 'GET', '/api/v1/demo/users', { token: admin.body.token })).body.users as Array<{ id: string; email: string }>;
      const mia = users.find((user) => user.email === 'mia.thompson@northwind.example');
      miaUri = (await call(service.url, 'GET', `/api/v1/demo/users/${mia?.id}/authenticator`, { token: admin.body.token })).body.keyUri;
      expect((await call(service.url, 'GET', '/api/v1/demo/sms-outbox', { token: admin.body.token })).status).toBe(200);
    } finally {
      expect(await service.stop()).toBe(0);
    }

    service = await startServiceProcess(['--port', '0', '--data', dir]);
    try {
      const scan = parseKeyUri(miaUri);
      if (!scan.ok) throw new Error(scan.message);
      const mia = await call(service.url, 'POST', '/api/v1/auth/sign-in', { body: { email: 'mia.thompson@northwind.example', password: DEMO_PASSWORD } });
      expect(mia.body.next.step).toBe('challenge');
      const code = authenticatorCode(scan.account, Date.now());
      expect((await call(service.url, 'POST', '/api/v1/auth/challenge', { token: mia.body.token, body: { method: 'totp', code } })).body).toEqual({ step: 'signed_in' });
      const admin = await call(service.url, 'POST', '/api/v1/auth/sign-in', { body: { email: 'avery.admin@northwind.example', password: DEMO_PASSWORD, purpose: 'admin_console' } });
      expect(admin.body.next.step).toBe('challenge');
      await call(service.url, 'POST', '/api/v1/auth/challenge', { token: admin.body.token, body: { method: 'recovery_code', code: averyRecovery } });
      await call(service.url, 'POST', '/api/v1/auth/recovery-code/acknowledge', { token: admin.body.token, body: { saved: true } });
      const outbox = await call(service.url, 'GET', '/api/v1/demo/sms-outbox', { token: admin.body.token });
      expect([outbox.status, outbox.body.error.details.reason]).toEqual([403, 'demo_tools_off']);
    } finally {
      await service.stop();
    }
  });

  it('refuses to start on a damaged database file, saying so', async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'mfa.sqlite'), 'this is not a database, just some text that happens to be here');
    const run = await runServiceToExit(['--port', '0', '--data', dir, '--demo']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/Service:/);
    expect(logLines(run.stderr).filter((line) => line.level === 60).map((line) => line.msg)).toEqual([expect.stringMatching(/mfa\.sqlite/)]);
  });

  it.skipIf(keychain)('refuses to start when the data key file of its database is gone, instead of sealing with a new one', async () => {
    const dir = freshDir();
    const first = await startServiceProcess(['--port', '0', '--data', dir, '--demo']);
    await first.stop();
    unlinkSync(path.join(dir, VAULT_FILE_NAME));
    const run = await runServiceToExit(['--port', '0', '--data', dir]);
    expect(run.code).toBe(1);
    expect(logLines(run.stderr).filter((line) => line.level === 60).map((line) => line.msg)).toEqual([expect.stringMatching(/data key .* is missing/)]);
  });

  it('explains its options', async () => {
    const run = await runServiceToExit(['--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--data DIR for a database file, or --database postgres/);
  });
});
