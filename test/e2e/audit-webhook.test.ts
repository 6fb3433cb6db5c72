/**
 * R-AUD-2 and the JSON Lines export in Chromium: Settings sets up the audit webhook with a secret generated in the
 * console and shown once; a real receiver in this test gets signed entries; while it fails, Settings shows the last
 * error, its time and the next retry, and Retry now catches up once it recovers; a test event says what the receiver
 * answered; an operator without Admin on both tools sees the status but no form; removal asks first. The Audit
 * screen exports the filtered log as JSON Lines with every field.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryView } from '../../shared/api/routes/admin-audit';
import { startWebhookReceiver, type WebhookReceiver } from '../fixtures/webhook-receiver';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { startWebConsole, type WebConsole } from './support/web-console';

/** The status refreshes every 5 s; give the service a few rounds on a busy machine. */
const STATUS = { timeout: 30_000, interval: 200 };

describe('Settings → Audit to a SIEM, and the JSON Lines export', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
    page = await chromium.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
    await receiver?.close();
  });

  async function openScreen(name: string): Promise<void> {
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }
  const card = () => page.getByTestId('settings-audit-webhook');
  const state = () => page.getByTestId('audit-webhook-state').textContent();
  const entryPosts = () => receiver.posts.filter((post) => post.json?.type === 'audit.entry');

  it('sets up the webhook with a generated secret shown once, and the receiver gets signed entries', async () => {
    await openScreen('Settings');
    await card().getByTestId('audit-webhook-none').waitFor();
    await expectNoSeriousA11yViolations(page, 'settings: no audit webhook');

    await page.getByTestId('audit-webhook-url').fill('http://siem.example.com/hooks/mfa');
    await page.getByTestId('audit-webhook-save').click();
    await expect.poll(() => card().getByRole('alert').first().textContent()).toContain('Use an https:// address');
    await page.getByTestId('audit-webhook-url').fill(receiver.url);
    await page.getByTestId('audit-webhook-save').click();
    await expect.poll(() => card().getByRole('alert').first().textContent()).toContain('needed the first time');

    await page.getByTestId('audit-webhook-generate').click();
    await expect.poll(() => card().getByRole('alert').allTextContents()).toEqual([]);
    const secret = await page.getByTestId('audit-webhook-secret').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await card().getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => card().getByText(/^(Copied|Selected)/).count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'settings: audit webhook with a new secret');
    await screenshots(page, 'settings-audit-webhook-new', card());
    receiver.secret = secret;
    await page.getByTestId('audit-webhook-save').click();

    await receiver.waitFor((posts) => posts.some((post) => post.json?.entry?.action === 'audit.webhook_updated'), 'the set-up entry');
    expect(receiver.posts.every((post) => post.signatureOk)).toBe(true);
    await expect.poll(state, STATUS).toBe('Up to date');
    expect(await page.getByTestId('audit-webhook-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    const delivered = entryPosts().at(-1)?.json.entry.seq;
    await expect.poll(() => page.getByTestId('audit-webhook-delivered').textContent(), STATUS).toContain(`entry ${delivered} (audit.webhook_updated`);
    await expectNoSeriousA11yViolations(page, 'settings: audit webhook up to date');
    await screenshots(page, 'settings-audit-webhook', card());
  });

  it('shows the last error, its time and the next retry while the receiver fails, then catches up with Retry now', async () => {
    receiver.otherwise = 500;
    await page.getByTestId('audit-webhook-url').fill(`${receiver.url}?source=mfa`);
    await page.getByTestId('audit-webhook-save').click();
    await expect.poll(state, STATUS).toBe('Retrying');
    await expect.poll(() => page.getByTestId('audit-webhook-error').textContent(), STATUS).toMatch(
      /^Entry \d+ \(audit\.webhook_updated\) was not delivered: The receiver answered HTTP 500 Internal Server Error: “refused with 500”\. \(today at [^,]+, \d+ failed tr(y|ies) in a row\)$/,
    );
    await expect.poll(() => page.getByTestId('audit-webhook-next').textContent(), STATUS).toMatch(/^today at [^,]+\s+Retry now$/);
    await page.getByTestId('audit-webhook-test').click();
    await expect.poll(() => page.getByTestId('audit-webhook-test-result').textContent()).toBe(
      'Test event not delivered. The receiver answered HTTP 500 Internal Server Error: “refused with 500”.',
    );
    await expectNoSeriousA11yViolations(page, 'settings: audit webhook retrying');
    await screenshots(page, 'settings-audit-webhook-retrying', card());

    receiver.otherwise = 200;
    const waiting = entryPosts().at(-1)?.json.entry.seq;
    await page.getByTestId('audit-webhook-retry').click();
    await expect.poll(state, STATUS).toBe('Up to date');
    expect(entryPosts().filter((post) => post.answer === 200).at(-1)?.json.entry.seq).toBe(waiting);
    await page.getByTestId('audit-webhook-test').click();
    await expect.poll(() => page.getByTestId('audit-webhook-test-result').textContent()).toMatch(/^Test event delivered\. The receiver accepted it \(HTTP 200\) in \d+ ms\.$/);
    expect(receiver.posts.at(-1)?.json.type).toBe('test');
  });

  it('shows an operator without Admin on both tools the status but no form', async () => {
    await page.getByLabel('Act as').selectOption('riley.reader@northwind.example');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('settings-operator').textContent()).toContain('Riley Reader');
    await expect.poll(() => card().getByRole('note').textContent()).toBe('Only someone with Admin on both the Company Admin and Directory tools can change where audit entries are sent.');
    expect(await page.getByTestId('audit-webhook-url').count()).toBe(0);
    expect(await page.getByTestId('audit-webhook-test').count()).toBe(0);
    await expect.poll(state, STATUS).toBe('Up to date');
    await expectNoSeriousA11yViolations(page, 'settings: audit webhook read-only');
    await page.getByLabel('Act as').selectOption('avery.admin@northwind.example');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('audit-webhook-url').waitFor();
  });

  it('exports the filtered audit log as JSON Lines with every field', async () => {
    await openScreen('Audit');
    await page.getByTestId('audit-action').selectOption('audit.');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.getByTestId('audit-grid').locator('[role="row"][data-seq]');
    await expect.poll(() => rows.count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-jsonl').click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const lines = readFileSync((await download.path()) ?? '', 'utf8').split('\n').filter((line) => line !== '');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((entry) => entry.action)).toEqual(['audit.webhook_updated', 'audit.webhook_updated']);
    for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(Object.keys(AuditEntryView.shape).sort());
    expect(entries.map((entry) => entry.seq)).toEqual((await rows.evaluateAll((list) => list.map((row) => Number(row.getAttribute('data-seq'))))).reverse());
    await expectNoSeriousA11yViolations(page, 'audit: filtered for the JSON Lines export');
    await screenshots(page, 'audit-export-jsonl');
  });

  it('asks before removing the webhook, saying what is left undelivered', async () => {
    await openScreen('Settings');
    await page.getByTestId('audit-webhook-remove').click();
    const dialog = page.getByRole('dialog', { name: 'Remove the audit webhook?' });
    await expect.poll(() => dialog.textContent()).toContain(`Entries are no longer posted to ${receiver.url}?source=mfa`);
    await expectNoSeriousA11yViolations(page, 'settings: remove the audit webhook?');
    await dialog.getByTestId('confirm-action').click();
    await card().getByTestId('audit-webhook-none').waitFor();
  });
});
