/**
 * R-DIR-5 on screen, in Chromium: invite someone from the Directory (add-user form, "Invite the selected users" with
 * progress, and an import that invites the people it adds, counted when the file is checked), then play an invited
 * demo person in the simulator — the invitation arrives in the phone's Mail app, its link opens the
 * password page, a breached password is refused with the reason, and the first-sign-in MFA set-up follows. An expired
 * invitation offers a new one; "Forgot password?" leads back to the usual challenge, never around it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { browser, enterCode, openSimulator, phoneCode, play, saveRecoveryCode, screen } from './support/simulator-page';
import { startWebConsole, type WebConsole } from './support/web-console';

const NEW_PASSWORD = 'violet anchor tuesday lamp';
/** The machine may be busy: wait for what the screen shows, not for a fixed time. */

describe('invitations, passwords and the Mail app', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
    page = await chromium.newPage({ viewport: { width: 1500, height: 1100 } });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
  });

  async function openDirectory(): Promise<void> {
    await page.getByRole('link', { name: 'Directory', exact: true }).click();
    await page.getByTestId('directory-grid').waitFor();
    await expect.poll(async () => Number(await page.getByTestId('directory-total').textContent()), { timeout: 20_000 }).toBeGreaterThan(30);
  }

  /** Plays another demo user: the picker is folded away while a simulation runs. */
  async function playNext(name: string): Promise<void> {
    await page.getByRole('button', { name: 'Change demo user' }).click();
    await play(page, name);
  }

  async function openMail(): Promise<void> {
    await page.getByRole('tab', { name: /Mail/ }).click();
  }

  it('adds a user with an invitation from the Directory, and shows them as invited', async () => {
    await openDirectory();
    await page.getByTestId('add-user').click();
    const form = page.getByTestId('add-user-form');
    await form.getByLabel('Name', { exact: true }).fill('Zoe Example');
    await form.getByLabel('Email', { exact: true }).fill('zoe.example@northwind.example');
    await form.getByLabel('Country (two letters)').fill('GB');
    await form.getByLabel('Time zone').fill('Europe/London');
    expect(await form.getByLabel('Email an invitation now').isChecked()).toBe(true);
    await page.getByTestId('add-user-submit').click();
    const panel = page.getByTestId('user-panel');
    await panel.getByRole('heading', { name: 'Zoe Example' }).waitFor();
    expect(await panel.getByTestId('user-access').textContent()).toMatch(/Invited .*; the link works until/);
    await expect.poll(() => panel.getByTestId('user-mail-status').textContent()).toMatch(/Your invitation to Northwind Builders: delivered to the demo outbox/);
    await screenshots(page, 'directory-user-invitation', panel);
    await page.getByTestId('directory-search').fill('zoe');
    await expect.poll(() => page.getByTestId('access-badge').allTextContents()).toEqual(['Invited']);
    await page.getByTestId('directory-search').fill('');
  });

  it('invites the selected users in bulk, with progress and a summary', async () => {
    await page.getByTestId('filter-access').selectOption('never_invited');
    // The row, not only the total: a total of 1 may still be the last test's search for Zoe, answered late on a
    // busy machine, and selecting all would then ask with that search.
    await expect.poll(() => page.getByTestId('access-badge').allTextContents()).toEqual(['Not invited']);
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('1');
    await page.getByRole('button', { name: /Select all 1 matching/ }).click();
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('1 selected');
    await page.getByTestId('invite-selected').click();
    await page.getByTestId('invite-confirm').click();
    const summary = page.getByTestId('invite-summary');
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.textContent()).toMatch(/1 invited, 0 sent to their identity provider, 0 left alone/);
    expect(await page.getByRole('progressbar', { name: 'Sending invitations' }).getAttribute('value')).toBe('1');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('0');
    await page.getByTestId('filter-access').selectOption({ label: 'Any' });
    expect(await page.getByTestId('selected-count').textContent()).toBe('0 selected');
  });

  it('imports a file that invites the people it adds: the check says how many, the import sends them', async () => {
    const file = path.join(webConsole.dataDir, 'newcomers.csv');
    writeFileSync(file, 'email,name,country,time_zone,status\nyara.new@northwind.example,Yara New,BR,America/Sao_Paulo,\nned.later@northwind.example,Ned Later,US,America/Denver,inactive\n');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-invite').check();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-summary').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-invited-count').textContent()).toContain('1 new user gets an invitation email when you import.');
    await screenshots(page, 'directory-import-invite', page.getByTestId('import-panel'));
    await page.getByTestId('import-invite').uncheck();
    await page.getByTestId('import-check-summary').waitFor({ state: 'detached' });
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await page.getByTestId('import-invite').check();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-invited-count').textContent()).toContain('1 new user invited (the emails are on their way).');
    await page.getByTestId('directory-search').fill('yara');
    await expect.poll(() => page.getByTestId('access-badge').allTextContents()).toEqual(['Invited']);
    await page.getByTestId('directory-search').fill('');
  });

  it('opens the invitation from the phone’s Mail app, refuses a breached password, then sets up MFA', async () => {
    // The simulator plays the seeded demo people only (R-CON-2): Nia Okoye was invited yesterday.
    await openSimulator(page, await webConsole.newLink());
    await play(page, 'Nia Okoye');
    expect(await browser(page).getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await openMail();
    await page.getByTestId('phone-mail').filter({ hasText: 'Your invitation to Northwind Builders' }).click();
    expect(await page.getByTestId('phone-mail-message').textContent()).toContain('token=…');
    await screenshots(page, 'simulator-mail');
    await page.getByTestId('phone-mail-open-link').click();
    await screen(page, 'set_password');
    expect(await page.getByTestId('sim-url').textContent()).toBe('https://accounts.northwind.example/account/invitation');

    await page.getByTestId('sim-new-password').fill('qwertyqwerty');
    await page.getByTestId('sim-confirm-password').fill('qwertyqwerty');
    await page.getByTestId('sim-set-password-submit').click();
    await expect.poll(() => page.getByTestId('sim-password-error').textContent()).toMatch(/exposed in data breaches/);

    await page.getByTestId('sim-new-password').fill(NEW_PASSWORD);
    await page.getByTestId('sim-confirm-password').fill(NEW_PASSWORD);
    await page.getByTestId('sim-set-password-submit').click();
    await screen(page, 'setup_optional');
    await browser(page).getByRole('button', { name: 'Set Up Now' }).click();
    await screen(page, 'select_method');
    await browser(page).getByLabel(/Authenticator App/).check();
    await browser(page).getByRole('button', { name: 'Continue' }).click();
    await screen(page, 'totp_setup');
    await page.getByRole('tab', { name: 'Authenticator' }).click();
    await page.getByTestId('phone-scan').click();
    await enterCode(page, await phoneCode(page));
    await saveRecoveryCode(page);
    await screen(page, 'home');
  });

  it('says an expired invitation expired and sends a new one to the Mail app', async () => {
    await playNext('Mateo Rossi');
    await openMail();
    await expect.poll(() => page.getByTestId('phone-mail').count()).toBe(1);
    await page.getByTestId('phone-mail').first().click();
    await page.getByTestId('phone-mail-open-link').click();
    await screen(page, 'link_problem');
    expect(await browser(page).textContent()).toMatch(/This invitation expired on .*Ask for a new one below/);
    await page.getByTestId('sim-renew').click();
    await expect.poll(() => page.getByTestId('sim-link-notice').textContent()).toMatch(/a new one is on its way/);
    await page.getByRole('button', { name: '‹ Inbox' }).click();
    await expect.poll(() => page.getByTestId('phone-mail').count(), { timeout: 15_000 }).toBe(2);
  });

  it('"Forgot password?" sends a reset link; after the new password the usual challenge still follows', async () => {
    await playNext('Morgan Lee');
    await page.getByTestId('sim-forgot-link').click();
    await screen(page, 'forgot_password');
    await browser(page).getByRole('button', { name: 'Send reset link' }).click();
    await expect.poll(() => page.getByTestId('sim-forgot-sent').textContent()).toMatch(/^If morgan\.lee@northwind\.example belongs to an account/);
    await openMail();
    await page.getByTestId('phone-mail').filter({ hasText: 'Reset your Northwind Builders password' }).click({ timeout: 15_000 });
    await page.getByTestId('phone-mail-open-link').click();
    await screen(page, 'set_password');
    await page.getByTestId('sim-new-password').fill(NEW_PASSWORD);
    await page.getByTestId('sim-confirm-password').fill(NEW_PASSWORD);
    await page.getByTestId('sim-set-password-submit').click();
    await screen(page, 'challenge_choice');
    expect(await browser(page).getByRole('heading', { level: 2 }).textContent()).toBe('How do you want to verify your identity?');
  });
});
