/**
 * The Reset screen in Chromium: a full verified reset (identity checks, "I have verified", result naming what was
 * removed, audited), the refusals with whom to contact (SSO user, payments user, own account), and triage with unlock.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Reset screen', () => {
  let console: WebConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    console = await startWebConsole();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(await console.newLink());
    await page.getByTestId('company-name').waitFor();
    await page.getByRole('link', { name: 'Reset', exact: true }).click();
    await page.getByTestId('reset-email').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await console?.stop();
  });

  async function check(email: string): Promise<void> {
    await page.getByTestId('reset-email').fill(email);
    await page.getByTestId('reset-check').click();
  }

  it('runs a full verified reset and names what was removed', async () => {
    await check('Mia.Thompson@northwind.example');
    const target = page.getByTestId('reset-target');
    await target.waitFor();
    expect(await target.textContent()).toContain('Authenticator app and Text message (SMS)');
    const perform = page.getByTestId('reset-perform');
    expect(await perform.isDisabled()).toBe(true);
    for (const id of ['callback', 'manager', 'ticket']) await page.getByTestId(`reset-check-${id}`).check();
    expect(await perform.isDisabled()).toBe(true);
    await page.getByLabel('Note for the audit log').fill('Ticket 4711');
    await page.getByTestId('reset-verified').check();
    expect(await perform.isDisabled()).toBe(false);
    await perform.click();
    const result = page.getByTestId('reset-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('MFA was reset for Mia Thompson');
    const removed = await page.getByTestId('reset-removed').locator('li').allTextContents();
    expect(removed).toEqual(expect.arrayContaining(['Authenticator app', 'Text message (SMS)', 'the recovery code']));

    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    const newest = page.getByTestId('audit-grid').locator('[role="row"][aria-rowindex="2"]');
    await expect.poll(() => newest.textContent()).toContain('mfa.reset');
    await newest.click();
    const entry = page.getByTestId('audit-entry');
    expect(await entry.textContent()).toContain('Ticket 4711');
    expect(await entry.textContent()).toContain("Confirmed the request with the user's manager");
    await page.getByRole('link', { name: 'Reset', exact: true }).click();
    await page.getByRole('button', { name: 'Next caller' }).click();
    await page.getByTestId('reset-email').waitFor();
  });

  it.each([
    ['an SSO user', 'sam.rivera@sso.northwind.example', 'sso_user', 'Your IT department'],
    ['a payments user', 'pat.okafor@northwind.example', 'payments_user', 'Payments support'],
    ['the admin’s own account', 'avery.admin@northwind.example', 'own_account', 'Another company admin'],
  ])('refuses %s and says whom to contact', async (_what, email, reason, contact) => {
    await check(email);
    const refusal = page.getByTestId('reset-refusal');
    await expect.poll(() => refusal.getAttribute('data-reason')).toBe(reason);
    expect(await page.getByTestId('reset-contact').textContent()).toContain(contact);
    expect(await page.getByTestId('reset-perform').count()).toBe(0);
  });

  it('tells a locked-out caller who can help, and unlocks them here', async () => {
    await page.getByTestId('triage-email').fill('lukas.becker@northwind.example');
    await page.getByRole('button', { name: 'Who can help?' }).click();
    const answer = page.getByTestId('triage-result');
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Locked until');
    await answer.getByRole('button', { name: 'Unlock now' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'MFA unlocked' }).count()).toBe(1);
    await expect.poll(() => answer.textContent()).not.toContain('Locked until');
  });
});
