/** R-CON-1 remote mode: the console signs in to a standalone service with email, password and MFA. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteSignInStep } from '../../shared/ipc/channels/settings';
import type { IpcResult } from '../../shared/ipc/define';
import { totpCode } from '../../shared/domain/totp';
import { createConsole, type ConsoleBackend } from '../../src-main/console/create-console';
import { remoteTokenAccount } from '../../src-main/console/connection-manager';
import { DEMO_ADMIN_EMAIL, DEMO_COMPANY_NAME, DEMO_PASSWORD, DEMO_SSO_DOMAIN } from '../../src-main/service/seed/demo-company';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { startStandaloneService, type StandaloneService } from '../fixtures/standalone-service';

function value<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('remote mode', () => {
  let service: StandaloneService;
  let dataDir: string;
  let vault: MemoryVault;
  let backend: ConsoleBackend;
  let recoveryCode = '';

  beforeAll(async () => {
    service = await startStandaloneService({ demo: true });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-console-remote-'));
    vault = new MemoryVault();
    backend = await createConsole({ dataDir, host: 'browser', vault });
  });
  afterAll(async () => {
    await backend?.close();
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const begin = (email: string, password = DEMO_PASSWORD, url = service.url) => backend.dispatch('settings:remote-begin', { url, email, password }) as Promise<IpcResult<RemoteSignInStep>>;

  it('refuses a plain-http address off this computer, and says when nothing answers', async () => {
    const insecure = await begin(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, 'http://mfa.example.com');
    expect(insecure).toMatchObject({ ok: false, error: { code: 'bad_request', fields: { url: expect.any(String) } } });
    const nobody = await begin(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, 'http://127.0.0.1:1');
    expect(nobody).toMatchObject({ ok: false, error: { code: 'service_unavailable' } });
  });

  it('gives the service’s own words for a wrong password and for an SSO user', async () => {
    const wrong = await begin(DEMO_ADMIN_EMAIL, 'not-the-password');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    const sso = await begin(`sam.rivera@${DEMO_SSO_DOMAIN}`);
    expect(sso).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/identity provider/) } });
  });

  it('refuses an account without admin permissions at its sign-in', async () => {
    const refused = await begin('jordan.patel@northwind.example');
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/no access to the admin tools/) } });
    expect(value(await backend.dispatch('app:status', {}))).toMatchObject({ mode: 'embedded' });
  });

  it('never lets an admin reach the admin tools with a password alone (Harper Quinn, no MFA yet)', async () => {
    const call = (path: string, init: { token?: string; body?: unknown; method?: string } = {}) =>
      fetch(service.url + path, {
        method: init.method ?? (init.body ? 'POST' : 'GET'),
        headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, any> })); // eslint-disable-line @typescript-eslint/no-explicit-any
    const harper = { email: 'harper.quinn@northwind.example', password: DEMO_PASSWORD };
    const console = await call('/api/v1/auth/sign-in', { body: { ...harper, purpose: 'admin_console' } });
    expect(console.body.next).toMatchObject({ step: 'setup_required', reason: 'admin_console' });
    const skip = await call('/api/v1/auth/setup/skip', { token: console.body.token, body: {} });
    expect(skip.status).toBe(403);
    const app = await call('/api/v1/auth/sign-in', { body: harper });
    expect(app.body.next.step).toBe('setup_optional');
    expect((await call('/api/v1/auth/setup/skip', { token: app.body.token, body: {} })).status).toBe(200);
    const directory = await call('/api/v1/admin/users', { token: app.body.token });
    expect([directory.status, directory.body.error.details.reason]).toEqual([403, 'mfa_required']);

    const step = value(await begin(harper.email));
    expect(step).toMatchObject({ step: 'setup_required', message: expect.stringMatching(/admin console always needs two-factor/) });
    expect(value(await backend.dispatch('settings:remote-cancel', {}))).toEqual({ cancelled: true });
  });

  it('signs the admin in with first-time authenticator set-up and switches the console to the remote service', async () => {
    const first = value(await begin(DEMO_ADMIN_EMAIL));
    expect(first).toMatchObject({ step: 'setup_required', canUseApp: true });
    const setup = value(await backend.dispatch('settings:remote-setup-app', {})) as RemoteSignInStep;
    if (setup.step !== 'totp_setup') throw new Error(`expected totp_setup, got ${setup.step}`);
    expect(setup.qrPng).toMatch(/^data:image\/png;base64,/);
    const secret = setup.secretGrouped.replace(/\s+/g, '');
    const saved = value(await backend.dispatch('settings:remote-confirm-app', { code: totpCode(secret, Date.now()) })) as RemoteSignInStep;
    if (saved.step !== 'save_recovery_code') throw new Error(`expected save_recovery_code, got ${saved.step}`);
    recoveryCode = saved.recoveryCode;
    const connected = value(await backend.dispatch('settings:remote-acknowledge', { saved: true })) as RemoteSignInStep;
    expect(connected).toMatchObject({ step: 'connected', settings: { mode: 'remote', remote: { url: service.url }, operator: { email: DEMO_ADMIN_EMAIL } } });
    expect(value(await backend.dispatch('app:status', {}))).toMatchObject({ mode: 'remote', state: 'connected', target: service.url });
    expect(value(await backend.dispatch('dashboard:overview', {}))).toMatchObject({ companyName: DEMO_COMPANY_NAME });
    expect(await vault.get(remoteTokenAccount(service.url))).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('resumes the remote session after a restart, without signing in again', async () => {
    await backend.close();
    backend = await createConsole({ dataDir, host: 'browser', vault });
    expect(value(await backend.dispatch('app:status', {}))).toMatchObject({ mode: 'remote', state: 'connected' });
  });

  it('challenges an enrolled admin; a wrong code is refused, the recovery code works once', async () => {
    const challenge = value(await begin(DEMO_ADMIN_EMAIL));
    expect(challenge).toMatchObject({ step: 'challenge', options: expect.arrayContaining(['totp', 'recovery_code']) });
    const wrong = await backend.dispatch('settings:remote-verify', { method: 'totp', code: '000000' });
    expect(wrong).toMatchObject({ ok: false });
    const recovered = value(await backend.dispatch('settings:remote-verify', { method: 'recovery_code', code: recoveryCode })) as RemoteSignInStep;
    expect(recovered.step).toBe('save_recovery_code');
    const connected = value(await backend.dispatch('settings:remote-acknowledge', { saved: true }));
    expect(connected).toMatchObject({ step: 'connected' });
  });

  it('signs out: the token is forgotten and the console is back on its embedded service', async () => {
    const settings = value(await backend.dispatch('settings:remote-sign-out', {}));
    expect(settings).toMatchObject({ mode: 'embedded', remote: { url: null } });
    expect(await vault.get(remoteTokenAccount(service.url))).toBeNull();
    expect(value(await backend.dispatch('app:status', {}))).toMatchObject({ mode: 'embedded', state: 'connected' });
  });
});
