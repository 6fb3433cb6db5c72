/**
 * The MFA Policy screen in Chromium: the live time-zone preview of a deadline on a DST change day, the confirmation
 * that states the change in words (Escape cancels it), the save, and the history of changes after a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('MFA Policy screen', () => {
  let console: WebConsole;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    console = await startWebConsole();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(await console.newLink());
    await page.getByTestId('company-name').waitFor();
    await page.getByRole('link', { name: 'MFA Policy', exact: true }).click();
    await page.getByTestId('deadline-date').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await console?.stop();
  });

  it('previews a deadline on the New York DST change day in every zone of the directory', async () => {
    expect(await page.getByTestId('deadline-zone').inputValue()).toBe('America/New_York');
    await page.getByTestId('deadline-date').fill('2027-03-14');
    const table = page.getByTestId('tz-preview');
    await expect.poll(() => table.locator('caption').textContent()).toContain('2027-03-14 05:00 UTC');
    const newYork = table.locator('tr[data-zone="America/New_York"]');
    expect(await newYork.textContent()).toContain('00:00');
    expect(await newYork.textContent()).toContain('Clocks go forward at 02:00');
    expect(await table.locator('tr[data-zone="Asia/Kathmandu"]').textContent()).toContain('10:45');
    expect(await table.locator('tr[data-zone="America/Los_Angeles"]').textContent()).toMatch(/21:00.*1 day earlier/);
    expect(await page.getByTestId('tz-timeline').getAttribute('aria-label')).toContain('America/New_York 2027-03-14 00:00');
  });

  it("shows Lord Howe's half-hour DST and adds a 45-minute zone no user is in", async () => {
    const table = page.getByTestId('tz-preview');
    expect(await table.locator('tr[data-zone="Australia/Lord_Howe"]').textContent()).toMatch(/16:00.*\+11:00/);
    await page.getByLabel('Also preview a time zone').fill('Pacific/Chatham');
    await page.getByRole('button', { name: 'Add to preview' }).click();
    const row = table.locator('tr[data-zone="Pacific/Chatham"]');
    await expect.poll(() => row.textContent()).toContain('18:45');
    expect(await row.textContent()).toContain('added');
  });

  it('asks for confirmation in words; Escape cancels and nothing is saved', async () => {
    await page.getByTestId('save-policy').click();
    const dialog = page.getByRole('dialog', { name: 'Save the MFA policy?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('00:00 in America/New_York, for users in every time zone');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.getByRole('region', { name: 'History of changes' }).textContent()).not.toContain('2027-03-14');
  });

  it('saves after confirmation and shows the change in the history, also after a reload', async () => {
    await page.getByLabel('SMS codes stay valid (minutes)').fill('12');
    await page.getByTestId('save-policy').click();
    const dialog = page.getByRole('dialog', { name: 'Save the MFA policy?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('SMS codes will stay valid for 12 minutes (was 10 minutes).');
    await dialog.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'MFA policy saved' }).count()).toBe(1);
    const history = page.getByTestId('policy-history');
    await expect.poll(() => history.textContent()).toContain('2027-03-14');
    expect(await history.textContent()).toContain('smsCodeTtlMinutes: 10 → 12');

    await page.reload();
    await page.getByTestId('deadline-date').waitFor();
    await expect.poll(() => page.getByTestId('deadline-date').inputValue()).toBe('2027-03-14');
    expect(await page.getByLabel('SMS codes stay valid (minutes)').inputValue()).toBe('12');
    expect(await page.getByTestId('save-policy').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
