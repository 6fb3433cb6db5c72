/**
 * The console's admin screens end to end below the renderer: IPC dispatch → handlers → cache / service client →
 * embedded service. Proves the cache answers directory windows, the preview counts the cached directory, changes
 * reach the cache before the handler answers, and an import in pieces reports bad rows by their line in the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_USER_AGENT } from '../../shared/domain/sign-in-activity';
import { consoleCacheFile } from '../../src-main/console/cache/console-cache';
import { createConsole, type ConsoleBackend } from '../../src-main/console/create-console';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { consoleCall } from '../fixtures/console-call';

describe('console admin handlers over the embedded service', () => {
  let dataDir: string;
  let backend: ConsoleBackend;

  const call = consoleCall(() => backend);

  const vault = new MemoryVault();
  const start = () => createConsole({ dataDir, host: 'browser', vault });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-console-admin-'));
    backend = await start();
  });
  afterAll(async () => {
    await backend?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers directory windows, search and filters from the cache', async () => {
    const page = await call('directory:query', { search: 'sofia', limit: 10 });
    expect(page.rows.map((row) => row.name)).toEqual(['Sofía Hernández']);
    expect(page.directorySize).toBeGreaterThan(30);
    const stale = await call('directory:query', { staleOnly: true, limit: 50 });
    expect(stale.rows.map((row) => row.name).sort()).toEqual(expect.arrayContaining(['Drew Hughes', 'Kai Müller', 'Lee Nguyen', 'Chris Ortega']));
    expect(stale.rows.every((row) => row.stale && row.status === 'active')).toBe(true);
    const facets = await call('directory:facets', {});
    expect(facets.timeZones.map((z) => z.value)).toContain('Asia/Kathmandu');
  });

  it('previews the deadline over the cached directory with DST notes and warnings', async () => {
    const preview = await call('policy:preview', { date: '2026-03-08', zone: 'America/New_York', required: true });
    expect(preview.source).toBe('cache');
    expect(preview.instant).toBe('2026-03-08T05:00:00.000Z');
    const kathmandu = preview.rows.find((row) => row.zone === 'Asia/Kathmandu');
    expect(kathmandu).toMatchObject({ localTime: '10:45', localDate: '2026-03-08', activeUsers: 1 });
    expect(preview.rows.find((row) => row.zone === 'Pacific/Kiritimati')).toMatchObject({ localDate: '2026-03-08', localTime: '19:00' });
    expect(preview.rows.find((row) => row.zone === 'America/Los_Angeles')).toMatchObject({ localDate: '2026-03-07', localTime: '21:00', dayDifference: -1 });
    expect(preview.warnings.map((w) => w.code)).toContain('deadline_in_past');
    const invalid = await backend.dispatch('policy:preview', { date: '2026-02-30', zone: 'America/New_York' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_request', fields: { date: expect.any(String) } } });
  });

  it('saves the policy with its version and refuses a stale version in plain words', async () => {
    const state = await call('policy:get', {});
    expect(state.canChange).toBe(true);
    const saved = await call('policy:save', { version: state.policy.version, smsCodeTtlMinutes: 12 });
    expect(saved.changed).toEqual(['smsCodeTtlMinutes']);
    const stale = await backend.dispatch('policy:save', { version: state.policy.version, smsCodeTtlMinutes: 13 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const history = await call('policy:history', {});
    expect(history.entries[0]).toMatchObject({ changed: ['smsCodeTtlMinutes'], after: { smsCodeTtlMinutes: 12 } });
  });

  it('imports CSV in pieces, keeps good rows, reports bad ones by file line, and the cache sees the new users', async () => {
    const csv = [
      'email,name,country,time_zone',
      'new.one@northwind.example,New One,US,America/New_York',
      'not-an-email,Bad Row,US,America/New_York',
      'new.two@northwind.example,"Two, New",NP,Asia/Kathmandu',
      'new.four@northwind.example,"Four\nLines",US,America/New_York',
      'new.three@northwind.example,New Three,US,Mars/Olympus',
      '',
    ].join('\n');
    const check = await call('directory:import-start', { fileName: 'people.csv', totalBytes: csv.length, mode: 'check' });
    await call('directory:import-chunk', { importId: check.importId, text: csv.slice(0, 70), last: false });
    const checked = await call('directory:import-chunk', { importId: check.importId, text: csv.slice(70), last: true });
    expect(checked).toMatchObject({ preview: true, finished: true, rowsProcessed: 5, created: 3, failed: 2 });
    expect((await call('directory:query', { search: 'two new' })).total).toBe(0);

    const { importId } = await call('directory:import-start', { fileName: 'people.csv', totalBytes: csv.length, mode: 'apply' });
    await call('directory:import-chunk', { importId, text: csv.slice(0, 70), last: false });
    const done = await call('directory:import-chunk', { importId, text: csv.slice(70), last: true });
    expect(done).toMatchObject({ preview: false, finished: true, rowsProcessed: 5, created: 3, failed: 2 });
    expect(done.errors.map((e) => e.line)).toEqual([3, 7]);
    const report = await call('directory:import-report', { importId });
    expect(report.fileName).toBe('people-errors.csv');
    expect(report.csv.split('\r\n')[1]).toMatch(/^3,not-an-email,/);
    const found = await call('directory:query', { search: 'two new' });
    expect(found.rows.map((row) => row.email)).toEqual(['new.two@northwind.example']);
    const again = await call('directory:import-start', { fileName: 'people.csv', totalBytes: csv.length, mode: 'apply' });
    const second = await call('directory:import-chunk', { importId: again.importId, text: csv, last: true });
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3, failed: 2 });
  });

  it('deactivates the stale users the admin confirmed, and refuses when the count changed', async () => {
    const stale = await call('directory:query', { staleOnly: true, limit: 1 });
    const refused = await backend.dispatch('directory:deactivate-stale', { staleAfterDays: stale.staleAfterDays, expectedCount: stale.total + 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Nothing was changed') } });
    const done = await call('directory:deactivate-stale', { staleAfterDays: stale.staleAfterDays, expectedCount: stale.total });
    expect(done.deactivated).toBe(stale.total);
    expect((await call('directory:query', { staleOnly: true })).total).toBe(0);
  });

  it('runs a verified reset and refuses payments and SSO users with whom to contact', async () => {
    const sso = await call('reset:eligibility', { email: 'SAM.RIVERA@sso.northwind.example', timeZone: 'Europe/Paris' });
    expect(sso).toMatchObject({ eligible: false, reason: 'sso_user', contact: { who: 'it_department' } });
    const payments = await call('reset:eligibility', { email: 'pat.okafor@northwind.example', timeZone: 'Europe/Paris' });
    expect(payments).toMatchObject({ eligible: false, reason: 'payments_user', contact: { who: 'payments_support' } });
    const own = await call('reset:eligibility', { email: 'avery.admin@northwind.example', timeZone: 'Europe/Paris' });
    expect(own).toMatchObject({ eligible: false, reason: 'own_account' });
    const triage = await call('reset:triage', { email: 'pat.okafor@northwind.example', timeZone: 'Europe/Paris' });
    expect(triage.helper).toBe('payments_support');
  });

  it('tells in the user panel when a lock ends, in the words of triage and the Reset screen', async () => {
    const [lukas] = (await call('directory:query', { search: 'lukas becker', limit: 1 })).rows;
    const detail = await call('directory:user', { id: lukas?.id ?? '' });
    expect(detail.locked).toBe(true);
    expect(detail.lock).toMatch(/^Verification is locked after too many wrong codes\. It unlocks by itself in 1[45] minutes: at \d\d:\d\d on .* your time \(.+\); (the same for them|.* their time \(Europe\/Berlin\))\.$/);
    const triage = await call('reset:triage', { email: detail.email, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
    expect(triage.lock?.replace(/in 1[45] minutes/, '')).toBe(detail.lock?.replace(/in 1[45] minutes/, ''));
    const [camille] = (await call('directory:query', { search: 'camille', limit: 1 })).rows;
    expect((await call('directory:user', { id: camille?.id ?? '' })).lock).toBeNull();
  });

  it('issues a temporary access code, shows it in the user panel, withdraws it, and lists sign-in activity (R-RST-6, R-LOG-1)', async () => {
    const request = { email: 'camille.laurent@northwind.example', timeZone: 'Europe/Paris' };
    expect(await call('reset:access-code-eligibility', request)).toMatchObject({ eligible: true, user: { accessCodeUntil: null } });
    const issued = await call('reset:issue-access-code', {
      email: request.email,
      checks: ['callback', 'manager', 'ticket'],
      values: { ticket: 'HD-77' },
      verified: true,
      validHours: 2,
    });
    expect(issued.code).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
    const [camille] = (await call('directory:query', { search: 'camille', limit: 1 })).rows;
    const detail = await call('directory:user', { id: camille?.id ?? '' });
    expect(detail.accessCode).toEqual({ expiresAt: issued.expiresAt, issuedByEmail: 'avery.admin@northwind.example' });
    expect((await call('directory:revoke-access-code', { id: camille?.id ?? '' })).accessCode).toBeNull();
    const badHours = await backend.dispatch('reset:issue-access-code', { ...request, checks: [], verified: true, validHours: 0 });
    expect(badHours).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    expect((await call('activity:list', { who: 'camille', limit: 10 })).attempts).toEqual([]);
    const simulation = await call('simulator:start', { email: request.email });
    const signedIn = await call('simulator:act', { simulationId: simulation.simulationId, action: { type: 'sign_in', password: 'Demo-Password-2026' } });
    expect(signedIn.screen.kind).toBe('challenge_choice');
    const activity = await call('activity:list', { who: 'camille', limit: 10 });
    expect(activity.attempts).toMatchObject([{ outcome: 'code_asked', method: 'password', userAgent: SIMULATOR_USER_AGENT, user: { email: request.email } }]);
    const badOutcome = await backend.dispatch('activity:list', { outcome: 'guessed' });
    expect(badOutcome).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const exported = await call('activity:export', {});
    expect(exported.fileName).toMatch(/^sign-in-activity-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.csv.split('\r\n')[0]).toBe('time_utc,email_typed,user_id,user_email,user_name,outcome,method,detail,ip,user_agent');
  });

  it('reads the audit log newest first, verifies the chain and exports CSV', async () => {
    const page = await call('audit:list', { limit: 5 });
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries[0]!.seq).toBeGreaterThan(page.entries.at(-1)!.seq);
    const policyOnly = await call('audit:list', { action: 'policy.update' });
    expect(policyOnly.entries.every((entry) => entry.action === 'policy.update')).toBe(true);
    expect(await call('audit:verify', {})).toMatchObject({ ok: true, brokenAt: null });
    const exported = await call('audit:export', { action: 'users.import' });
    expect(exported.fileName).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.csv).toContain('users.import');
  });

  it('shows the saved directory at the next start, rebuilds an older cache file quietly, and discards a corrupt one with a warning', async () => {
    await backend.close();
    backend = await start();
    const page = await call('directory:query', { search: 'new one' });
    expect(page.rows.map((row) => row.email)).toEqual(['new.one@northwind.example']);
    await backend.close();
    writeFileSync(consoleCacheFile(dataDir), '{"format": "mfa-console-directory-cache", "version": 1, "users": 7}');
    backend = await start();
    expect((await call('app:status', {})).warnings.join(' ')).not.toContain('directory cache was discarded');
    expect((await call('directory:query', { search: 'new one' })).rows).toHaveLength(1);
    await backend.close();
    writeFileSync(consoleCacheFile(dataDir), '{"format": "mfa-console-directory-cache", "version": 2, "users": 7}');
    backend = await start();
    expect((await call('app:status', {})).warnings.join(' ')).not.toContain('directory cache was discarded');
    await backend.close();
    writeFileSync(consoleCacheFile(dataDir), '{"format": "mfa-console-directory-cache", "version": 3, "users": 7}');
    backend = await start();
    const status = await call('app:status', {});
    expect(status.warnings).toEqual(expect.arrayContaining([expect.stringContaining('directory cache was discarded')]));
    const rebuilt = await call('directory:query', { search: 'new one' });
    expect(rebuilt.rows).toHaveLength(1);
  });
});
