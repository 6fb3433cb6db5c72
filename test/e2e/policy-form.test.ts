/**
 * The MFA Policy form in Chromium: an unknown time zone is refused at its field before any dialog opens, the save
 * result is told beside the Save button, the history names settings as the form does, and leaving with unsaved
 * edits asks first (another screen, or closing the page).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('MFA Policy form', () => {
  let webConsole: WebConsole;
  let browser: Browser;
  let page: Page;

  async function openPolicy(): Promise<void> {
    await page.getByRole('link', { name: 'MFA Policy', exact: true }).click();
    await page.getByTestId('deadline-date').waitFor();
    await page.locator('[data-testid="save-policy"]:disabled').waitFor();
  }

  beforeAll(async () => {
    webConsole = await startWebConsole();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    await openPolicy();
  });
  afterAll(async () => {
    await browser?.close();
    await webConsole?.stop();
  });

  it('refuses an unknown time zone at its field, before the confirmation, and reads an alias as its current name', async () => {
    const zone = page.getByTestId('deadline-zone');
    await zone.fill('Mars/Olympus');
    await zone.press('Tab');
    const error = page.getByTestId('deadline-zone-error');
    await expect.poll(() => error.textContent()).toContain('"Mars/Olympus" is not a time zone.');
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect(await zone.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));

    await page.getByTestId('save-policy').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('policy-zone');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('deadlineZone');
    await expectNoSeriousA11yViolations(page, 'policy: unknown zone refused at the field');

    await zone.fill('Asia/Calcutta');
    await zone.press('Tab');
    await expect.poll(() => zone.inputValue()).toBe('Asia/Kolkata');
    expect(await error.count()).toBe(0);
    await page.getByRole('button', { name: 'Discard changes' }).click();
  });

  it('tells the save result beside the Save button, and the history names the setting as the form does', async () => {
    await page.getByLabel('SMS codes stay valid (minutes)').fill('12');
    await page.getByTestId('save-policy').click();
    const dialog = page.getByRole('dialog', { name: 'Save the MFA policy?' });
    await dialog.getByTestId('confirm-action').click();
    const result = page.getByTestId('save-result');
    await expect.poll(() => result.textContent()).toContain('MFA policy saved: 1 setting changed.');
    expect(await result.getAttribute('role')).toBe('status');
    const button = await page.getByTestId('save-policy').boundingBox();
    const beside = await result.boundingBox();
    expect(button && beside && Math.abs(beside.y + beside.height / 2 - (button.y + button.height / 2))).toBeLessThan(24);

    const history = page.getByTestId('policy-history');
    await expect.poll(() => history.textContent()).toContain('SMS codes stay valid: 10 minutes → 12 minutes');
    expect(await history.textContent()).not.toContain('smsCodeTtlMinutes');
    await expectNoSeriousA11yViolations(page, 'policy: saved, result beside the button');

    await page.getByLabel('SMS codes stay valid (minutes)').fill('11');
    await expect.poll(() => result.count()).toBe(0);
  });

  it('asks before leaving for another screen with unsaved edits; Stay keeps them, Leave discards them', async () => {
    await page.getByLabel('Lock after wrong codes in a row').fill('7');
    await page.getByRole('link', { name: 'Directory', exact: true }).click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving the MFA policy?' });
    await ask.waitFor();
    expect(await ask.textContent()).toContain('After 7 wrong codes in a row');
    await expectNoSeriousA11yViolations(page, 'policy: leave without saving?');

    await ask.getByRole('button', { name: 'Stay and keep editing' }).click();
    await expect.poll(() => ask.isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('MFA Policy');
    expect(await page.getByLabel('Lock after wrong codes in a row').inputValue()).toBe('7');

    await page.getByRole('link', { name: 'Directory', exact: true }).click();
    await ask.getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    await openPolicy();
    expect(await page.getByLabel('Lock after wrong codes in a row').inputValue()).toBe('5');
    expect(await page.getByLabel('SMS codes stay valid (minutes)').inputValue()).toBe('12');

    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await openPolicy();
  });

  it('asks before the page is reloaded with unsaved edits, and not without them', async () => {
    await page.getByLabel('First lockout lasts (minutes)').fill('20');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.evaluate(() => location.reload());
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    await page.locator('[data-testid="save-policy"]:disabled').waitFor();
    expect(await page.getByLabel('First lockout lasts (minutes)').inputValue()).toBe('15');

    await page.reload();
    await page.locator('[data-testid="save-policy"]:disabled').waitFor();
    expect(dialogs).toEqual(['beforeunload']);
  });
});
