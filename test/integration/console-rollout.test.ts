/**
 * Issue 12 item 5 below the renderer (IPC dispatch → handlers → embedded service): who reads each rollout message,
 * each reader's moment as the time-zone preview says it, the wording checked as typed, and the exports: plain text,
 * mail-merge CSV (the product's CSV reader reads it back), .eml drafts in a zip (parsed back with mailparser), and
 * the "will be blocked" list with local enforcement times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { simpleParser, type AddressObject } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCsvRecord, readCsv } from '../../shared/domain/csv';
import { createConsole, type ConsoleBackend } from '../../src-main/console/create-console';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { consoleCall } from '../fixtures/console-call';

describe('rollout messages through the console', () => {
  let dataDir: string;
  let backend: ConsoleBackend;
  let localTimes: Map<string, { localDate: string; localTime: string }>;

  const call = consoleCall(() => backend);
  const records = (csv: string) => readCsv(csv).filter(isCsvRecord).map((record) => record.fields);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-rollout-'));
    backend = await createConsole({ dataDir, host: 'browser', vault: new MemoryVault() });
    const { policy } = await call('policy:get', {});
    const preview = await call('policy:preview', { date: policy.deadlineDate ?? '', zone: policy.deadlineZone });
    localTimes = new Map(preview.rows.map((row) => [row.zone, { localDate: row.localDate, localTime: row.localTime }]));
  });
  afterAll(async () => {
    await backend?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the four messages with who reads them: the announcement to active non-SSO users, reminders to those not set up', async () => {
    const state = await call('rollout:get', {});
    expect(state.editRefusal).toBeNull();
    expect(state.messages.map((m) => m.kind)).toEqual(['announcement', 'reminder_30', 'reminder_7', 'reminder_1']);
    const [announcement, reminder] = state.messages;
    expect(announcement?.left.sso).toBe(2);
    expect(announcement?.left.inactive).toBe(2);
    const report = await call('dashboard:report', {});
    expect(reminder?.recipients).toBe(report.counts.willBeBlocked);
    expect(reminder?.sendAt).toBe((state.policy.enforcementAt ?? 0) - 30 * 86_400_000);
    expect(state.policy.deadlineWords).toMatch(/^\w+day \d{1,2} \w+ \d{4}, 00:00 in America\/New_York$/);
  });

  it('previews every group in its own time, as the time-zone preview computes it', async () => {
    const { messages } = await call('rollout:get', {});
    const wording = messages[0]?.wording ?? { subject: '', body: '' };
    const preview = await call('rollout:preview', { kind: 'announcement', subject: wording.subject, body: wording.body });
    if (!preview.ok) throw new Error(preview.message);
    const kathmandu = preview.groups.find((group) => group.zone === 'Asia/Kathmandu');
    const expected = localTimes.get('Asia/Kathmandu');
    expect(kathmandu?.moment).toMatch(new RegExp(`, ${expected?.localTime} your time$`));
    expect(kathmandu?.body).toContain(`From ${kathmandu?.moment}, you will need your phone`);
    expect(kathmandu?.names).toEqual(['Sanjay Shrestha']);
    expect(preview.groups.find((group) => group.accountType === 'payments_payor')?.body).toContain('Contact Payments support.');
  });

  it('checks the wording as it is typed and names an unknown placeholder', async () => {
    const preview = await call('rollout:preview', { kind: 'reminder_7', subject: 'Hi {first_name}', body: 'From {enforcement}.' });
    expect(preview).toMatchObject({ ok: false, field: 'subject', message: expect.stringContaining('{first_name}') });
    const exported = await backend.dispatch('rollout:export', { kind: 'reminder_7', subject: 'Hi', body: 'Soon.', format: 'csv' });
    expect(exported).toMatchObject({ ok: false, error: { code: 'bad_request', fields: { body: expect.stringContaining('must say when') } } });
  });

  it('exports a mail-merge CSV with each reader’s local date and time', async () => {
    const out = await call('rollout:export', { kind: 'reminder_30', subject: 'MFA from {enforcement_date}', body: 'From {enforcement} ({time_zone}).', format: 'csv' });
    expect(out.fileName).toMatch(/^rollout-reminder-30-\d{4}-\d\d-\d\d-mail-merge\.csv$/);
    const rows = records(out.text ?? '');
    expect(rows[0]).toEqual(['email', 'name', 'time_zone', 'local_date_time', 'subject', 'message']);
    expect(rows).toHaveLength(out.recipients + 1);
    const sanjay = rows.find((row) => row[0] === 'sanjay.shrestha@northwind.example');
    const expected = localTimes.get('Asia/Kathmandu');
    expect(sanjay?.[3]).toBe(`${expected?.localDate} ${expected?.localTime}`);
    expect(sanjay?.[5]).toMatch(/^From \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d your time \(Asia\/Kathmandu\)\.$/);
  });

  it('exports plain text grouped by time zone, with each group’s readers', async () => {
    const { messages } = await call('rollout:get', {});
    const { subject, body } = messages[3]?.wording ?? { subject: '', body: '' };
    const out = await call('rollout:export', { kind: 'reminder_1', subject, body, format: 'text' });
    expect(out.text).toMatch(/^Reminder, 1 day before — Northwind Builders\n/);
    expect(out.text).toMatch(/\nReaders in Asia\/Tokyo \(standard accounts, app only\): from \w+day .*your time\. 2 people\.\nTo: yuki\.tanaka@northwind\.example, hana\.sato@northwind\.example\n/);
    expect(out.text).toContain('Left out: 2 inactive, 2 SSO users (their identity provider runs their MFA), ');
  });

  it('exports .eml drafts, one per group, To the admin with the readers in Bcc, that a mail parser reads back', async () => {
    const { messages } = await call('rollout:get', {});
    const wording = { subject: 'Zwei-Faktor ab {enforcement_date} — Grüße', body: 'Ab {enforcement} brauchen Sie Ihr Telefon. Fragen: {contact}.' };
    const out = await call('rollout:export', { kind: 'announcement', ...wording, format: 'eml' });
    expect(out.fileName).toMatch(/-eml\.zip$/);
    const files = unzipSync(new Uint8Array(Buffer.from(out.base64 ?? '', 'base64')));
    const names = Object.keys(files).filter((name) => name.endsWith('.eml'));
    expect(names).toHaveLength(out.files);
    expect(strFromU8(files['README.txt'] ?? new Uint8Array())).toContain(`${out.files} drafts for ${messages[0]?.recipients} readers`);
    let bcc = 0;
    for (const name of names) {
      const raw = Buffer.from(files[name] ?? new Uint8Array());
      const mail = await simpleParser(raw);
      expect(raw.toString('latin1')).toMatch(/^X-Unsent: 1$/m);
      expect(raw.every((byte) => byte < 0x80)).toBe(true);
      expect(mail.from?.value[0]?.address).toBe('avery.admin@northwind.example');
      expect((mail.to as AddressObject).value[0]?.address).toBe('avery.admin@northwind.example');
      bcc += (mail.bcc as AddressObject).value.length;
      expect(mail.subject).toMatch(/^Zwei-Faktor ab \w+day \d{1,2} \w+ \d{4} — Grüße$/);
      expect(mail.text).toMatch(/^Ab \w+day .* your time brauchen Sie Ihr Telefon\./);
    }
    expect(bcc).toBe(out.recipients);
    const kathmandu = names.find((name) => name.includes('Asia-Kathmandu')) ?? '';
    const text = (await simpleParser(Buffer.from(files[kathmandu] ?? new Uint8Array()))).text ?? '';
    expect(text).toContain(`, ${localTimes.get('Asia/Kathmandu')?.localTime} your time`);
  });

  it('exports who will be blocked at enforcement with each user’s local enforcement time', async () => {
    const out = await call('rollout:blocked-csv', {});
    const rows = records(out.csv);
    expect(rows[0]).toEqual(['email', 'name', 'time_zone', 'enforcement_local', 'local_date', 'local_time', 'account_type', 'last_sign_in_at']);
    expect(rows).toHaveLength((await call('dashboard:report', {})).counts.willBeBlocked + 1);
    const weiling = rows.find((row) => row[0] === 'weiling.tan@northwind.example');
    const expected = localTimes.get('Asia/Singapore');
    expect(weiling?.slice(4, 6)).toEqual([expected?.localDate, expected?.localTime]);
    expect(weiling?.[3]).toMatch(new RegExp(`^\\w+day \\d{1,2} \\w+ \\d{4}, ${expected?.localTime}$`));
  });

  it('saves the wording through the service, and a read-only operator may export but not change it', async () => {
    const saved = await call('rollout:save', { kind: 'reminder_7', subject: 'Seven days: {enforcement_date}', body: 'From {enforcement}.' });
    expect(saved).toMatchObject({ isDefault: false, updatedByEmail: 'avery.admin@northwind.example' });
    await call('settings:act-as', { email: 'riley.reader@northwind.example' });
    try {
      const state = await call('rollout:get', {});
      expect(state.editRefusal).toMatch(/^Changing the wording of the rollout messages needs Admin permission on both/);
      expect(state.messages[2]?.wording.subject).toBe('Seven days: {enforcement_date}');
      expect(await backend.dispatch('rollout:save', { kind: 'reminder_7', subject: 'x', body: '{enforcement}' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await call('rollout:export', { kind: 'reminder_7', subject: 'x', body: '{enforcement}', format: 'csv' })).recipients).toBeGreaterThan(0);
    } finally {
      await call('settings:act-as', { email: 'avery.admin@northwind.example' });
    }
    expect((await call('rollout:restore-default', { kind: 'reminder_7' })).isDefault).toBe(true);
  });
});
