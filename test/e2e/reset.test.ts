/**
 * The Reset screen in Chromium: a full verified reset (identity checks with the ticket number, "I have verified",
 * result naming what was removed and the sessions ended, audited), the refusals with whom to contact (SSO user,
 * payments user, own account) or why a reset is pointless (inactive, not enrolled), a locked user shown with Unlock,
 * and triage that says when a lock ends and never offers the recovery code while it lasts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Reset screen', () => {
  let webConsole: WebConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    await page.getByRole('link', { name: 'Reset', exact: true }).click();
    await page.getByTestId('reset-email').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await webConsole?.stop();
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
    await page.getByTestId('reset-verified').check();
    expect(await perform.isDisabled()).toBe(true);
    expect(await page.getByTestId('reset-target').locator('..').getByText('Type the ticket number: this check records it.').count()).toBe(1);
    await page.getByLabel('Ticket number', { exact: true }).fill('HD-4711');
    await page.getByLabel('Note for the audit log').fill('Called from the site office');
    await expectNoSeriousA11yViolations(page, 'reset: checks done, ticket number typed');
    expect(await perform.isDisabled()).toBe(false);
    await perform.click();
    const result = page.getByTestId('reset-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('MFA was reset for Mia Thompson');
    await expectNoSeriousA11yViolations(page, 'reset: result');
    const removed = await page.getByTestId('reset-removed').locator('li').allTextContents();
    expect(removed).toEqual(expect.arrayContaining(['Authenticator app', 'Text message (SMS)', 'the recovery code']));
    expect(await page.getByTestId('reset-sessions').textContent()).toMatch(/^They were (signed out everywhere: .* ended\.|not signed in anywhere, so no session had to end\.)$/);

    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    const newest = page.getByTestId('audit-grid').locator('[role="row"][aria-rowindex="2"]');
    await expect.poll(() => newest.textContent()).toContain('mfa.reset');
    await newest.click();
    const entry = page.getByTestId('audit-entry');
    expect(await entry.textContent()).toContain('HD-4711');
    expect(await entry.textContent()).toContain('Called from the site office');
    expect(await entry.textContent()).toContain("Confirmed the request with the user's manager");
    await expectNoSeriousA11yViolations(page, 'audit: reset entry in full');
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
    await expectNoSeriousA11yViolations(page, `reset: refused, ${reason}`);
    expect(await page.getByTestId('reset-perform').count()).toBe(0);
  });

  it.each([
    ['an inactive user', 'taylor.brooks@northwind.example', 'inactive_user', /cannot sign in at all and a reset would change nothing/],
    ['a user who has not set up MFA', 'dana.whitfield@northwind.example', 'not_enrolled', /has not set up MFA, so there is nothing to reset/],
  ])('tells why a reset is pointless for %s instead of offering one', async (_what, email, reason, why) => {
    await check(email);
    const refusal = page.getByTestId('reset-refusal');
    await expect.poll(() => refusal.getAttribute('data-reason')).toBe(reason);
    expect(await refusal.textContent()).toMatch(why);
    await expectNoSeriousA11yViolations(page, `reset: pointless, ${reason}`);
    expect(await page.getByTestId('reset-perform').count()).toBe(0);
  });

  it('tells a locked-out caller when the lock ends, in both time zones, and never to use the recovery code meanwhile', async () => {
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await page.getByTestId('triage-email').fill('lukas.becker@northwind.example');
    await page.getByRole('button', { name: 'Who can help?' }).click();
    const answer = page.getByTestId('triage-result');
    await answer.waitFor();
    const lock = await page.getByTestId('triage-lock').textContent();
    expect(lock).toMatch(/^Verification is locked after too many wrong codes\. It unlocks by itself in \d+ minutes: at \d\d:\d\d on /);
    expect(lock).toContain(`your time (${zone})`);
    expect(lock).toContain('their time (Europe/Berlin)');
    const tips = await page.getByTestId('triage-tips').textContent();
    expect(tips).toContain('no way to verify, not even "Enter Recovery Code"');
    expect(tips).not.toContain('they can sign in with it');
    expect(await answer.getByRole('button', { name: 'Unlock…' }).count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'reset: triage of a locked user');
  });

  it('shows on the Reset screen that a user is locked, and unlocks them after asking', async () => {
    await check('lukas.becker@northwind.example');
    const lock = page.getByTestId('reset-lock');
    await lock.waitFor();
    expect(await lock.textContent()).toMatch(/Lukas Becker is locked out\. Verification is locked .* their time \(Europe\/Berlin\)/);
    await lock.getByRole('button', { name: 'Unlock…' }).click();
    const dialog = page.getByRole('dialog', { name: "Unlock Lukas Becker's verification?" });
    expect(await dialog.textContent()).toContain('can enter a code again at once');
    await expectNoSeriousA11yViolations(page, 'reset: unlock dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await lock.count()).toBe(1);
    await lock.getByRole('button', { name: 'Unlock…' }).click();
    await dialog.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'MFA unlocked' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('reset-lock').count()).toBe(0);
    expect(await page.getByTestId('reset-target').textContent()).toContain('Lukas Becker');

    await page.getByRole('button', { name: 'Who can help?' }).click();
    await expect.poll(() => page.getByTestId('triage-lock').count()).toBe(0);
    expect(await page.getByTestId('triage-tips').textContent()).toBe(
      'If they saved their recovery code, they can sign in with it now: on "How do you want to verify your identity?" they choose "Enter Recovery Code".',
    );
  });
});
