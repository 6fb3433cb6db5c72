/**
 * Issue 12 item 5 in Chromium: the Rollout screen. Each time-zone group's preview names the enforcement moment in
 * the reader's own time (checked against the policy's time-zone preview and an independent Intl reading of the
 * deadline); the wording is checked as typed, kept across messages, guarded when left unsaved, and saved; the exports
 * (plain text, .eml drafts in a zip, mail-merge CSV, the will-be-blocked list from Rollout and the dashboard) are read
 * back; a read-only operator sees the write controls disabled with the reason. axe-checked at each state.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCsvRecord, readCsv } from '../../shared/domain/csv';
import { enforcementInstant } from '../../shared/domain/enforcement-instant';
import { isSmsCountry } from '../../shared/domain/sms-countries';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { actAs, openScreen } from './support/console-screens';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { startWebConsole, type WebConsole } from './support/web-console';

/** How long a row or message may take to appear on a busy machine. */
const APPEAR = { timeout: 20_000 };
const smsInNepal = isSmsCountry('NP');

/** "Thursday 14 January 2027, 21:00 your time" for `at` in `zone`, read with Intl (not the product's code). */
function momentIn(at: number, zone: string): { words: string; date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const numeric = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const time = `${part('hour')}:${part('minute')}`;
  return { words: `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${time} your time`, date: numeric, time };
}

describe('Rollout messages screen', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;
  let enforcementAt = 0;
  let policyKathmanduRow = '';

  /** Picks the preview's group whose label starts with `zone`. */
  async function pickGroup(zone: string): Promise<void> {
    const select = page.getByTestId('rollout-group');
    await expect.poll(() => select.locator('option').allTextContents()).toContainEqual(expect.stringMatching(new RegExp(`^${zone} — `)));
    const labels = await select.locator('option').allTextContents();
    await select.selectOption(String(labels.findIndex((label) => label.startsWith(`${zone} — `))));
    await expect.poll(() => page.getByTestId('rollout-message').textContent()).toContain(momentIn(enforcementAt, zone).words);
  }

  async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
    const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path()) ?? '') };
  }

  const records = (text: string) => readCsv(text).filter(isCsvRecord).map((record) => record.fields);

  beforeAll(async () => {
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
    page = await chromium.newPage({ viewport: { width: 1366, height: 1000 }, acceptDownloads: true });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    await page.getByRole('link', { name: 'MFA Policy', exact: true }).click();
    await page.getByTestId('deadline-date').waitFor();
    await page.waitForFunction(() => /^\d{4}-\d\d-\d\d$/.test((document.querySelector('[data-testid="deadline-date"]') as HTMLInputElement | null)?.value ?? ''), null);
    const start = enforcementInstant(await page.getByTestId('deadline-date').inputValue(), await page.getByTestId('deadline-zone').inputValue());
    if (!start.ok) throw new Error(start.message);
    enforcementAt = start.at;
    const row = page.getByTestId('tz-preview').locator('tr[data-zone="Asia/Kathmandu"]');
    await row.filter({ hasText: /\d\d:\d\d/ }).waitFor(APPEAR);
    policyKathmanduRow = (await row.textContent()) ?? '';
    await page.getByRole('link', { name: 'write the rollout messages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rollout messages' }).waitFor();
    await page.getByTestId('rollout-message').waitFor(APPEAR);
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
  });

  it('previews each time-zone group with the enforcement moment in the reader’s own time, as the policy’s preview has it', async () => {
    expect(await page.getByRole('tab').allTextContents()).toEqual([
      expect.stringMatching(/^Announcement/),
      expect.stringMatching(/^Reminder, 30 days before/),
      expect.stringMatching(/^Reminder, 7 days before/),
      expect.stringMatching(/^Reminder, 1 day before/),
    ]);
    await pickGroup('Asia/Kathmandu');
    const kathmandu = momentIn(enforcementAt, 'Asia/Kathmandu');
    expect(policyKathmanduRow).toContain(kathmandu.time);
    expect(kathmandu.time).toMatch(/:45$/);
    expect(await page.getByTestId('rollout-message-body').textContent()).toContain(`From ${kathmandu.words}, you will need your phone`);
    expect(await page.getByTestId('rollout-message').textContent()).toContain('To Sanjay Shrestha');

    await pickGroup('America/Los_Angeles');
    expect(momentIn(enforcementAt, 'America/Los_Angeles').words).toMatch(/, 21:00 your time$/);
    expect(await page.getByTestId('rollout-readers').textContent()).toMatch(/Not sent to: 2 inactive, 2 SSO users/);
    await expectNoSeriousA11yViolations(page, 'rollout: announcement preview');
    await screenshots(page, 'rollout-preview');
  });

  it('names an unknown placeholder, keeps each message’s wording, asks before leaving it unsaved, and saves it', async () => {
    const subject = page.getByTestId('rollout-subject');
    await subject.fill('MFA for {first_name} from {enforcement_date}');
    await expect.poll(() => page.getByTestId('rollout-problem').textContent()).toContain('{first_name}');
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('rollout-save').isDisabled()).toBe(true);
    expect(await page.getByTestId('rollout-export-csv').isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'rollout: a wording problem');
    await screenshots(page, 'rollout-problem');

    await subject.fill('{company}: two-step sign-in from {enforcement_date}');
    const body = page.getByTestId('rollout-body');
    await body.fill('Hello,\n\nPlease set up two-step sign-in soon.');
    await expect.poll(() => page.getByTestId('rollout-problem').textContent()).toContain('must say when MFA becomes required for the reader: put {enforcement} in it');
    expect(await body.getAttribute('aria-describedby')).toBe('rollout-problem');
    await body.fill('Hello,\n\nFrom {enforcement} ({time_zone}) you need your phone to sign in.\n\n{steps}\n\nQuestions? {contact}.');
    await page.getByTestId('rollout-problem').waitFor({ state: 'detached' });
    await pickGroup('Asia/Kathmandu');
    const kathmandu = momentIn(enforcementAt, 'Asia/Kathmandu');
    expect(await page.getByTestId('rollout-message-body').textContent()).toContain(`From ${kathmandu.words} (Asia/Kathmandu) you need your phone`);
    expect(await page.getByTestId('rollout-message-subject').textContent()).toBe(`Northwind Builders: two-step sign-in from ${kathmandu.words.replace(/, \d\d:\d\d your time$/, '')}`);

    // The arrow keys move between messages; the typed wording is still there on the way back.
    await page.getByTestId('rollout-tab-announcement').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rollout-tab-reminder_30');
    expect(await page.getByTestId('rollout-tab-reminder_30').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('rollout-subject').inputValue()).toMatch(/^Reminder: /);
    expect(await page.getByTestId('rollout-tab-announcement').textContent()).toContain('Unsaved wording');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('rollout-subject').inputValue()).toBe('{company}: two-step sign-in from {enforcement_date}');

    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving the wording?' });
    await leave.waitFor();
    expect(await leave.textContent()).toContain('Announcement: the wording you typed is not saved and will be lost.');
    await expectNoSeriousA11yViolations(page, 'rollout: leave without saving?');
    await leave.getByRole('button', { name: 'Stay and keep editing' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('rollout-body').inputValue()).toContain('From {enforcement} ({time_zone})');

    await page.getByTestId('rollout-save').click();
    await expect.poll(async () => (await page.getByTestId('rollout-editor-saved').textContent())?.trim()).toMatch(/^Saved .* by avery\.admin@northwind\.example\.$/);
    expect(await page.getByTestId('rollout-tab-announcement').textContent()).not.toContain('Unsaved wording');
    await openScreen(page, 'Dashboard');
    await openScreen(page, 'Rollout messages');
    await expect.poll(() => page.getByTestId('rollout-subject').inputValue()).toBe('{company}: two-step sign-in from {enforcement_date}');
  });

  it('exports the saved wording as plain text, .eml drafts and a mail-merge CSV, each with the reader’s local time', async () => {
    const kathmandu = momentIn(enforcementAt, 'Asia/Kathmandu');
    const text = await download('rollout-export-text');
    expect(text.name).toMatch(/^rollout-announcement-\d{4}-\d\d-\d\d\.txt$/);
    const plain = text.bytes.toString('utf8');
    expect(plain).toMatch(/^Announcement — Northwind Builders\n/);
    expect(plain).toContain(`Readers in Asia/Kathmandu (standard accounts, ${smsInNepal ? 'app or SMS' : 'app only'}): from ${kathmandu.words}. 1 person.\nTo: sanjay.shrestha@northwind.example\n`);
    expect(plain).toContain(`From ${kathmandu.words} (Asia/Kathmandu) you need your phone to sign in.`);

    const csv = await download('rollout-export-csv');
    expect(csv.name).toMatch(/^rollout-announcement-\d{4}-\d\d-\d\d-mail-merge\.csv$/);
    const rows = records(csv.bytes.toString('utf8'));
    expect(rows[0]).toEqual(['email', 'name', 'time_zone', 'local_date_time', 'subject', 'message']);
    const sanjay = rows.find((row) => row[0] === 'sanjay.shrestha@northwind.example');
    expect(sanjay?.slice(0, 4)).toEqual(['sanjay.shrestha@northwind.example', 'Sanjay Shrestha', 'Asia/Kathmandu', `${kathmandu.date} ${kathmandu.time}`]);
    expect(sanjay?.[5]).toContain(`From ${kathmandu.words} (Asia/Kathmandu)`);
    const emails = rows.slice(1).map((row) => row[0]);
    expect(emails).not.toContain(expect.stringMatching(/@sso\.northwind\.example$/));
    for (const row of rows.slice(1)) expect(row[3], row[0]).toBe(`${momentIn(enforcementAt, row[2] ?? '').date} ${momentIn(enforcementAt, row[2] ?? '').time}`);

    const eml = await download('rollout-export-eml');
    expect(eml.name).toMatch(/^rollout-announcement-\d{4}-\d\d-\d\d-eml\.zip$/);
    const files = unzipSync(new Uint8Array(eml.bytes));
    expect(strFromU8(files['README.txt'] ?? new Uint8Array())).toContain(`readers.`);
    const name = Object.keys(files).find((file) => file.includes('Asia-Kathmandu'));
    const raw = Buffer.from(files[name ?? ''] ?? new Uint8Array());
    expect(raw.toString('latin1')).toMatch(/^X-Unsent: 1$/m);
    const mail = await simpleParser(raw);
    expect(mail.from?.value[0]?.address).toBe('avery.admin@northwind.example');
    expect((mail.to as AddressObject).value[0]?.address).toBe('avery.admin@northwind.example');
    expect((mail.bcc as AddressObject).value.map((address) => address.address)).toEqual(['sanjay.shrestha@northwind.example']);
    expect(mail.subject).toBe(`Northwind Builders: two-step sign-in from ${kathmandu.words.replace(/, \d\d:\d\d your time$/, '')}`);
    expect(mail.text).toContain(`From ${kathmandu.words} (Asia/Kathmandu) you need your phone to sign in.`);
    await expectNoSeriousA11yViolations(page, 'rollout: after the exports');
  });

  it('downloads who will be blocked at enforcement with each local time, from Rollout and from the dashboard', async () => {
    const fromRollout = await download('rollout-blocked-csv');
    expect(fromRollout.name).toMatch(/^will-be-blocked-\d{4}-\d\d-\d\d\.csv$/);
    const rows = records(fromRollout.bytes.toString('utf8'));
    expect(rows[0]).toEqual(['email', 'name', 'time_zone', 'enforcement_local', 'local_date', 'local_time', 'account_type', 'last_sign_in_at']);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) {
      const local = momentIn(enforcementAt, row[2] ?? '');
      expect(row.slice(4, 6), row[0]).toEqual([local.date, local.time]);
      expect(row[3]).toBe(local.words.replace(/ your time$/, ''));
    }

    await openScreen(page, 'Dashboard');
    const total = Number(await page.getByTestId('blocked-count').textContent());
    expect(rows).toHaveLength(total + 1);
    await expectNoSeriousA11yViolations(page, 'dashboard: the blocked list with its CSV');
    await screenshots(page, 'dashboard-blocked-csv', page.getByTestId('blocked-csv'));
    const fromDashboard = await download('blocked-csv');
    expect(fromDashboard.bytes.toString('utf8')).toBe(fromRollout.bytes.toString('utf8'));
  });

  it('shows a read-only operator the wording read-only and saving disabled, with the reason, and still exports', async () => {
    await actAs(page, 'riley.reader@northwind.example', 'Riley Reader');
    await openScreen(page, 'Rollout messages');
    const reason = page.getByTestId('rollout-read-only');
    await expect.poll(() => reason.textContent()).toContain('needs Admin permission on both the Company Admin and Directory tools');
    expect(await page.getByTestId('rollout-subject').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('rollout-body').getAttribute('readonly')).not.toBeNull();
    const save = page.getByTestId('rollout-save');
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator(`#${await save.getAttribute('aria-describedby')}`).textContent()).toBe(await reason.textContent());
    expect(await page.getByRole('button', { name: 'Restore the default wording…' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('rollout-export-csv').isDisabled()).toBe(false);
    await expectNoSeriousA11yViolations(page, 'rollout: read-only operator');
    await screenshots(page, 'rollout-read-only');
  });
});
