/**
 * Helpdesk in Chromium (R-RST-5, R-RST-6, R-LOG-1): the demo helpdesk person issues a temporary access code after
 * the checklist (a reset stays disabled, saying why), the simulated user signs in with it straight into setting up a
 * new authenticator, and the Sign-in activity screen and the Directory panel show what happened; the admin sets how
 * long the activity is kept. Each screen and state is checked with axe-core; SCREENSHOT_DIR saves them at 1366 and
 * 1024 px.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { browser as simBrowser, enterCode, phoneCode, play, saveRecoveryCode, screen, signIn } from './support/simulator-page';
import { startWebConsole, type WebConsole } from './support/web-console';

const CAMILLE = 'camille.laurent@northwind.example';

describe('Helpdesk: temporary access codes and sign-in activity', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;
  let code = '';

  beforeAll(async () => {
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
    page = await chromium.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
  });

  async function openScreen(link: string, heading = link): Promise<void> {
    await page.getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  async function actAs(email: string, name: string): Promise<void> {
    await openScreen('Settings');
    await page.getByLabel('Act as').selectOption(email);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('settings-operator').textContent()).toContain(name);
  }

  it('acts as the demo helpdesk person, whose permissions say Helpdesk', async () => {
    await actAs('omar.haddad@northwind.example', 'Omar Haddad');
    expect(await page.getByTestId('settings-operator').textContent()).toContain('Company Admin: None; Directory: None; Helpdesk');
    const option = await page.getByLabel('Act as').locator('option', { hasText: 'Omar Haddad' }).textContent();
    expect(option).toContain('Helpdesk');
    await expectNoSeriousA11yViolations(page, 'settings: acting as the helpdesk');
    await screenshots(page, 'settings-helpdesk', page.getByTestId('settings-operator'));
  });

  it('issues a temporary access code after the checklist; a reset stays disabled and says why', async () => {
    await openScreen('Reset');
    await page.getByTestId('reset-email').fill(CAMILLE);
    await page.getByTestId('reset-check').click();
    await page.getByTestId('reset-target').waitFor();
    expect(await page.getByTestId('reset-action-reset').isDisabled()).toBe(true);
    expect(await page.getByTestId('reset-action-reset-why').textContent()).toBe(
      'Resetting MFA needs Admin permission on both the Company Admin and Directory tools. Ask a company admin who has both.',
    );
    expect(await page.getByTestId('reset-action-access_code').isChecked()).toBe(true);
    expect(await page.getByTestId('reset-hours').inputValue()).toBe('8');
    const issue = page.getByTestId('reset-issue-code');
    for (const id of ['callback', 'manager', 'ticket']) await page.getByTestId(`reset-check-${id}`).check();
    await page.getByLabel('Ticket number', { exact: true }).fill('HD-5120');
    expect(await issue.isDisabled()).toBe(true);
    await page.getByLabel("I have verified the user's request for a temporary access code").check();
    await page.getByTestId('reset-hours').fill('80');
    expect(await issue.isDisabled()).toBe(true);
    expect(await page.getByText('A temporary access code stays valid for 1 to 72 hours.').count()).toBe(1);
    await page.getByTestId('reset-hours').fill('4');
    expect(await issue.isDisabled()).toBe(false);
    await expectNoSeriousA11yViolations(page, 'reset: temporary access code, checks done');
    await screenshots(page, 'reset-access-code-form', page.getByTestId('reset-actions'));

    await issue.click();
    const result = page.getByTestId('access-code-result');
    await result.waitFor();
    code = (await page.getByTestId('access-code').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    expect(await page.getByTestId('access-code-until').textContent()).toMatch(/their time \(Europe\/Paris\)/);
    expect(await result.textContent()).toContain('on "How do you want to verify your identity?" they choose "Use a Temporary Access Code"');
    await page.getByTestId('access-code-copy').click();
    await expect.poll(() => result.textContent()).toMatch(/Copied to the clipboard\.|Copying was not allowed here/);
    await expectNoSeriousA11yViolations(page, 'reset: temporary access code issued');
    await screenshots(page, 'reset-access-code-issued', result);
  });

  it('lets the user sign in with it once in the simulator, straight to setting up a new authenticator', async () => {
    // The simulator's demo tools need Admin on both tools (R-CON-2): the trainer runs it as the admin.
    await actAs('avery.admin@northwind.example', 'Avery Admin');
    await openScreen('Simulator');
    await page.getByRole('heading', { level: 2, name: 'Demo users' }).waitFor();
    await play(page, 'Camille Laurent');
    await signIn(page);
    await screen(page, 'challenge_choice');
    const option = simBrowser(page).getByTestId('sim-option-temporary_access_code');
    expect(await option.textContent()).toContain('Use a Temporary Access Code');
    await screenshots(page, 'simulator-access-code-choice', option);
    await option.click();
    await screen(page, 'challenge_code');
    expect(await simBrowser(page).getByRole('heading', { level: 2 }).textContent()).toBe('Enter Your Temporary Access Code');
    await enterCode(page, code.toLowerCase());
    await screen(page, 'setup_required');
    expect(await simBrowser(page).textContent()).toContain('Your temporary access code was accepted.');
    expect(await simBrowser(page).getByRole('button', { name: 'Remind Me Later' }).count()).toBe(0);
    await simBrowser(page).getByRole('button', { name: 'Set Up Now' }).click();
    await screen(page, 'select_method');
    await simBrowser(page).getByLabel(/Authenticator App/).check();
    await simBrowser(page).getByRole('button', { name: 'Continue' }).click();
    await screen(page, 'totp_setup');
    await page.getByTestId('phone-scan').click();
    await enterCode(page, await phoneCode(page));
    await saveRecoveryCode(page);
    await screen(page, 'home');
  });

  it('shows what happened on the Sign-in activity screen, in full, and exports it as CSV', async () => {
    await openScreen('Sign-in activity');
    await page.getByTestId('activity-who').fill(CAMILLE);
    await page.getByTestId('activity-apply').click();
    const rows = page.getByTestId('activity-row');
    await expect.poll(async () => (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-outcome')))).slice(0, 3)).toEqual([
      'signed_in',
      'setup_required',
      'code_asked',
    ]);
    await rows.nth(1).click();
    const detail = page.getByTestId('activity-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('Temporary access code');
    expect(await page.getByTestId('activity-detail-told').textContent()).toBe('A temporary access code replaced the code once: a new method must be set up now.');
    expect(await detail.textContent()).toContain('Simulated phone (console simulator)');
    await expectNoSeriousA11yViolations(page, 'sign-in activity: one attempt in full');
    await screenshots(page, 'activity', page.getByTestId('activity-grid'));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('activity-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^sign-in-activity-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('time_utc,email_typed,user_id,user_email,user_name,outcome,method,detail,ip,user_agent');
    expect(csv).toContain(',setup_required,temporary_access_code,');
    expect(csv).not.toContain(code.replace(/-/g, ''));
  });

  it("lists the user's last attempts in their Directory panel, with a way to all of them", async () => {
    await actAs('omar.haddad@northwind.example', 'Omar Haddad');
    await openScreen('Directory');
    await page.getByTestId('directory-search').fill('camille');
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('1');
    await page.getByTestId('directory-grid').focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('user-panel');
    await panel.waitFor();
    const items = panel.getByTestId('user-activity-item');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(3);
    expect(await items.first().textContent()).toContain('Signed in');
    expect(await panel.getByTestId('user-access-code').textContent()).toContain('None');
    expect(await panel.textContent()).toContain('Company Admin: None; Directory: None');
    await expectNoSeriousA11yViolations(page, 'directory: user panel with last sign-in attempts');
    await screenshots(page, 'directory-user-activity', panel.getByTestId('user-activity'));
    await panel.getByTestId('user-activity-all').click();
    await page.getByRole('heading', { level: 1, name: 'Sign-in activity' }).waitFor();
    expect(await page.getByTestId('activity-user').textContent()).toContain('Only Camille Laurent');
    await expect.poll(() => page.getByTestId('activity-row').count()).toBeGreaterThanOrEqual(3);
  });

  it('lets helpdesk unlock a locked user from the panel, and says why deactivating and inviting are not theirs to do', async () => {
    await openScreen('Directory');
    await page.getByTestId('directory-search').fill('lukas becker');
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('1');
    await page.getByTestId('directory-grid').getByText('Lukas Becker').click();
    const panel = page.getByTestId('user-panel');
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).first().textContent()).toBe('Lukas Becker');
    await screenshots(page, 'directory-helpdesk-panel', panel.getByTestId('user-actions'));
    expect(await panel.getByRole('button', { name: 'Unlock MFA…' }).isDisabled()).toBe(false);
    expect(await panel.getByRole('button', { name: 'Deactivate…' }).isDisabled()).toBe(true);
    expect(await panel.textContent()).toContain('Changing the directory needs Standard or Admin permission on the Directory tool.');
    expect(await page.getByTestId('add-user').isDisabled()).toBe(true);
    expect(await page.getByTestId('invite-selected').isDisabled()).toBe(true);
    expect(await page.getByTestId('invite-read-only').textContent()).toContain('Adding, inviting and deactivating users needs Standard or Admin permission on the Directory tool.');
    await panel.getByRole('button', { name: 'Unlock MFA…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'MFA unlocked' }).count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'directory: helpdesk unlocked a user');
    expect(await panel.getByTestId('user-reset').isDisabled()).toBe(true);
    await panel.getByTestId('user-access-code-start').click();
    await page.getByRole('heading', { level: 1, name: 'Reset' }).waitFor();
    expect(await page.getByTestId('reset-email').inputValue()).toBe('lukas.becker@northwind.example');
    await expect.poll(() => page.getByTestId('reset-action-access_code').isChecked()).toBe(true);
    await openScreen('Directory');
  });

  it('lets an admin set how long the activity is kept, saying what a shorter time removes', async () => {
    await actAs('avery.admin@northwind.example', 'Avery Admin');
    await openScreen('MFA Policy');
    await page.getByTestId('policy-retention').fill('30');
    await screenshots(page, 'policy-retention', page.getByTestId('policy-retention'));
    await page.getByTestId('save-policy').click();
    const dialog = page.getByRole('dialog', { name: 'Save the MFA policy?' });
    expect(await dialog.textContent()).toContain('Sign-in activity will be kept 30 days (was 90). Older attempts are removed when you save.');
    await expectNoSeriousA11yViolations(page, 'policy: retention change to confirm');
    await dialog.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('save-result').textContent()).toContain('MFA policy saved');
    await openScreen('Sign-in activity');
    await expect.poll(() => page.locator('.page-lead').textContent()).toContain('Kept 30 days (MFA policy)');
  });
});
