/**
 * The MFA Policy screen in Chromium: the live time-zone preview of a deadline on a DST change day, the confirmation
 * that states the change in words (Escape cancels it), the save, and the history of changes after a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforcementInstant } from '../../shared/domain/enforcement-instant';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('MFA Policy screen', () => {
  let webConsole: WebConsole;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    webConsole = await startWebConsole();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    await page.getByRole('link', { name: 'MFA Policy', exact: true }).click();
    await page.getByTestId('deadline-date').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await webConsole?.stop();
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
    const scrolling = page.getByRole('region', { name: 'When enforcement begins, by time zone' });
    expect(await scrolling.getAttribute('tabindex')).toBe('0');
    expect(await scrolling.locator('table').count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'policy: preview of a deadline');
  });

  it("shows Lord Howe's half-hour DST and adds a 45-minute zone no user is in", async () => {
    const table = page.getByTestId('tz-preview');
    expect(await table.locator('tr[data-zone="Australia/Lord_Howe"]').textContent()).toMatch(/16:00.*\+11:00/);
    await page.getByLabel('Also preview a time zone').fill('Pacific/Chatham');
    await page.getByRole('button', { name: 'Add to preview' }).click();
    const row = table.locator('tr[data-zone="Pacific/Chatham"]');
    await expect.poll(() => row.textContent()).toContain('18:45');
    expect(await row.textContent()).toContain('added');
    await expectNoSeriousA11yViolations(page, 'policy: a zone added to the preview');
  });

  it('asks for confirmation in words; Escape cancels and nothing is saved', async () => {
    await page.getByTestId('save-policy').click();
    const dialog = page.getByRole('dialog', { name: 'Save the MFA policy?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('00:00 in America/New_York, for users in every time zone');
    await expectNoSeriousA11yViolations(page, 'policy: save the policy?');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.getByRole('region', { name: 'History of changes' }).textContent()).not.toMatch(/March 14, 2027/);
  });

  it('saves after confirmation and shows the change in the history, also after a reload', async () => {
    await page.getByLabel('SMS codes stay valid (minutes)').fill('12');
    await page.getByTestId('save-policy').click();
    const dialog = page.getByRole('dialog', { name: 'Save the MFA policy?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('SMS codes will stay valid for 12 minutes (was 10 minutes).');
    await dialog.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('save-result').textContent()).toContain('MFA policy saved');
    const history = page.getByTestId('policy-history');
    await expect.poll(() => history.textContent()).toMatch(/Enforcement deadline: .* → Sunday, March 14, 2027/);
    expect(await history.textContent()).toContain('SMS codes stay valid: 10 minutes → 12 minutes');
    await expectNoSeriousA11yViolations(page, 'policy: saved, with its history');

    await page.reload();
    await page.getByTestId('deadline-date').waitFor();
    await expect.poll(() => page.getByTestId('deadline-date').inputValue()).toBe('2027-03-14');
    expect(await page.getByLabel('SMS codes stay valid (minutes)').inputValue()).toBe('12');
    expect(await page.getByTestId('save-policy').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  async function setDeadline(zone: string, date: string): Promise<void> {
    await page.getByTestId('deadline-zone').fill(zone);
    await page.getByTestId('deadline-zone').press('Tab');
    await page.getByTestId('deadline-date').fill(date);
  }

  it('begins at the first of two midnights in the Azores and warns that midnight occurs twice', async () => {
    await setDeadline('Atlantic/Azores', '2027-10-31');
    const table = page.getByTestId('tz-preview');
    await expect.poll(() => table.locator('caption').textContent()).toContain('2027-10-31 00:00 UTC');
    const warning = page.getByTestId('policy-warnings').first().locator('[data-code="deadline_midnight_repeated"]');
    await expect.poll(() => warning.textContent()).toContain('Midnight occurs twice on 2027-10-31 in Atlantic/Azores');
    expect(await page.getByTestId('tz-preview-note').textContent()).toContain('enforcement begins at the first midnight');
    await screenshots(page, 'policy-repeated-midnight', page.getByTestId('tz-timeline'));
    await expectNoSeriousA11yViolations(page, 'policy: midnight occurs twice');
  });

  it('accepts a zone by an old name and shows its current name, in the list and in the preview', async () => {
    expect(await page.locator('#policy-zone-list option[value="Asia/Kolkata"]').count()).toBe(1);
    expect(await page.locator('#policy-zone-list option[value="Asia/Calcutta"]').count()).toBe(0);
    for (const [typed, shown] of [['Asia/Calcutta', 'Asia/Kolkata'], ['europe/kiev', 'Europe/Kyiv'], ['America/Nuuk', 'America/Nuuk']] as const) {
      await page.getByLabel('Also preview a time zone').fill(typed);
      await page.getByRole('button', { name: 'Add to preview' }).click();
      await expect.poll(() => page.getByTestId('tz-preview').locator(`tr[data-zone="${shown}"]`).count()).toBe(1);
    }
    await page.getByLabel('Also preview a time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Add to preview' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '"Mars/Olympus" is not a time zone' }).count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'policy: a zone refused');
  });

  it('reads a two-day difference in words, and draws each timeline band from the days main computed', async () => {
    // Adding asks main for the zone's name: wait for each, so the preview pins both before the deadline moves.
    const added = page.getByRole('list', { name: 'Time zones added to the preview' });
    await page.getByLabel('Also preview a time zone').fill('Pacific/Pago_Pago');
    await page.getByRole('button', { name: 'Add to preview' }).click();
    await added.getByText('Pacific/Pago_Pago').waitFor();
    await page.getByLabel('Also preview a time zone').fill('America/Vancouver');
    await page.getByRole('button', { name: 'Add to preview' }).click();
    await added.getByText('America/Vancouver').waitFor();
    await setDeadline('Pacific/Kiritimati', '2027-01-15');
    const table = page.getByTestId('tz-preview');
    const pagoPago = table.locator('tr[data-zone="Pacific/Pago_Pago"]');
    await expect.poll(() => pagoPago.textContent()).toMatch(/23:00.*2 days earlier/);
    expect(await table.locator('tr[data-zone="America/Vancouver"]').getAttribute('data-local-date')).toBe('2027-01-14');
    // Each lane's current band is the local date the table shows, and starts at that zone's first instant of it as main
    // (Node's tz database) computes it: the browser's own tz database plays no part.
    const lanes = page.getByTestId('tz-timeline').locator('g[data-zone]');
    const zones = await lanes.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-zone') ?? ''));
    expect(zones).toEqual(expect.arrayContaining(['Pacific/Pago_Pago', 'America/Vancouver', 'Pacific/Kiritimati']));
    for (const zone of zones) {
      const date = await table.locator(`tr[data-zone="${zone}"]`).getAttribute('data-local-date');
      const band = page.getByTestId('tz-timeline').locator(`g[data-zone="${zone}"] g[data-current="true"]`);
      expect(await band.getAttribute('data-date'), zone).toBe(date);
      const start = enforcementInstant(date ?? '', zone);
      expect(Number(await band.getAttribute('data-start-ms')), zone).toBe(start.ok ? start.at : Number.NaN);
    }
    await screenshots(page, 'policy-two-days', page.getByTestId('tz-timeline'));
    await expectNoSeriousA11yViolations(page, 'policy: two days earlier');
    expect(errors).toEqual([]);
  });
});
