/**
 * R-DIR-5 below the renderer: the console's mail server is set in Settings (the password goes to the SecretVault,
 * never to the settings file), mail really leaves through it to an SMTP server in this process, survives a restart,
 * and an import can invite the users it creates. The demo company's seeded invitations are in the Mail app's outbox.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleBackend } from '../../src-main/console/create-console';
import { smtpPasswordAccount } from '../../src-main/service/mail/smtp-url';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { startSmtpTestServer, type SmtpTestServer } from '../fixtures/smtp-test-server';
import { consoleCall } from '../fixtures/console-call';

const LOGIN = { user: 'console-mailer', password: 'Console-Smtp-Pass-77' };

describe('console email: Settings, vault, real SMTP', () => {
  let dataDir: string;
  let backend: ConsoleBackend;
  let smtp: SmtpTestServer;
  const vault = new MemoryVault();

  const call = consoleCall(() => backend);

  beforeAll(async () => {
    smtp = await startSmtpTestServer(LOGIN);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-console-mail-'));
    backend = await createConsole({ dataDir, host: 'browser', vault });
  });
  afterAll(async () => {
    await backend?.close();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with the demo outbox only, holding the seeded invitations', async () => {
    const status = await call('mail:status', {});
    expect(status.transport.kind).toBe('outbox');
    const invited = await call('directory:query', { access: 'invited', limit: 10 });
    expect(invited.rows.map((row) => row.name)).toEqual(['Nia Okoye']);
    expect((await call('directory:query', { access: 'invitation_expired', limit: 10 })).rows.map((row) => row.name)).toEqual(['Mateo Rossi']);
    expect((await call('directory:query', { access: 'never_invited', limit: 10 })).rows.map((row) => row.name)).toEqual(['Hana Sato']);
    const triage = await call('reset:triage', { email: 'nia.okoye@northwind.example', timeZone: 'America/New_York' });
    expect(triage).toMatchObject({ helper: 'self_service', headline: 'Check the inbox for the invitation.' });
  });

  it('keeps the SMTP password in the vault, not in the settings, and sends through the server', async () => {
    const url = `smtp://${LOGIN.user}:${LOGIN.password}@127.0.0.1:${smtp.port}?from=it@northwind-builders.net`;
    const saved = await call('mail:server-set', { smtpUrl: url, password: null });
    expect(saved).toMatchObject({ editable: true, hasPassword: true, smtpUrl: `smtp://${LOGIN.user}@127.0.0.1:${smtp.port}?from=it%40northwind-builders.net` });
    expect(readFileSync(path.join(dataDir, 'console-settings.json'), 'utf8')).not.toContain(LOGIN.password);
    expect(await vault.get(smtpPasswordAccount({ host: '127.0.0.1', port: smtp.port, user: LOGIN.user }))).toBe(LOGIN.password);

    const delivery = await call('mail:test', { to: 'trainer@northwind-builders.net' });
    expect(delivery).toMatchObject({ status: 'sent', transport: 'smtp' });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.from?.text).toBe('it@northwind-builders.net');
    expect(mail?.subject).toBe("Test email from Northwind Builders's MFA service");

    const refused = await backend.dispatch('mail:server-set', { smtpUrl: 'http://not-smtp.example', password: null });
    expect(refused.ok ? null : refused.error.message).toMatch(/must start with smtp:\/\/ or smtps:\/\//);
    // The service's worker opens the server with the password from the vault; without one it says so, and nothing changes.
    const noPassword = await backend.dispatch('mail:server-set', { smtpUrl: `smtp://stranger@127.0.0.1:${smtp.port}`, password: null });
    expect(noPassword.ok ? null : noPassword.error.message).toMatch(/No password is stored for stranger at 127\.0\.0\.1:\d+\. Give it once \(in Settings → Email\)/);
    expect((await call('mail:server', {})).smtpUrl).toBe(saved.smtpUrl);
    expect((await call('mail:status', {})).transport.description).toContain(`as ${LOGIN.user}`);
  });

  it('adds and invites a user through the real server, and invites the users an import creates', async () => {
    const created = await call('invitations:create-user', {
      email: 'new.hire@northwind-builders.net', name: 'New Hire', country: 'US', timeZone: 'America/Chicago', invite: true, validDays: 3,
    });
    expect(created.user.access).toBe('invited');
    expect(created.invitation).toMatchObject({ outcome: 'invited', delivery: { status: 'sent', transport: 'smtp' } });
    expect((await smtp.waitFor(2))[1]?.text).toContain('(America/Chicago)');

    const file = path.join(dataDir, 'crew.csv');
    writeFileSync(file, 'email,name,country,time_zone\ncrew.one@northwind-builders.net,Crew One,US,America/Denver\ncrew.two@northwind-builders.net,Crew Two,US,America/Denver\n');
    const text = readFileSync(file, 'utf8');
    const importFile = async (mode: 'check' | 'apply') => {
      const { importId } = await call('directory:import-start', { fileName: 'crew.csv', totalBytes: text.length, mode, invite: true });
      return call('directory:import-chunk', { importId, text, last: true });
    };
    expect(await importFile('check')).toMatchObject({ preview: true, created: 2, invited: 2 });
    expect((await call('directory:query', { search: 'crew', limit: 10 })).total).toBe(0);
    expect(smtp.received).toHaveLength(2);
    expect(await importFile('apply')).toMatchObject({ preview: false, created: 2, invited: 2 });
    await smtp.waitFor(4);
    expect(smtp.received.slice(2).map((m) => m.to && 'text' in m.to ? m.to.text : '').sort()).toEqual(['crew.one@northwind-builders.net', 'crew.two@northwind-builders.net']);
  });

  it('uses the stored server again after a restart', async () => {
    await backend.close();
    backend = await createConsole({ dataDir, host: 'browser', vault });
    expect((await call('mail:status', {})).transport.description).toContain(`127.0.0.1:${smtp.port} as ${LOGIN.user}`);
    expect(await call('mail:test', { to: 'again@northwind-builders.net' })).toMatchObject({ status: 'sent' });
  });
});
