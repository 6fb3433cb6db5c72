/**
 * Issue 12 item 2 in Chromium: the user panel's Reset MFA (the Reset screen opens filled in), Edit (name, zone,
 * permissions, audited), Deactivate and Reactivate with confirmations, the selection's CSV export and bulk
 * deactivation, and a read-only operator's disabled controls with the reason. axe-checked at each state.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INVITED_PEOPLE, DEMO_PEOPLE } from '../../src-main/service/seed/demo-company';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { actAs, openScreen } from './support/console-screens';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Directory: the user panel acts', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;

  async function openUser(search: string, name: string): Promise<void> {
    await page.getByTestId('directory-search').fill(search);
    await expect.poll(() => page.getByTestId('directory-grid').textContent()).toContain(name);
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('1');
    await page.getByTestId('directory-grid').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('user-panel').getByRole('heading', { name, exact: true }).waitFor();
  }

  beforeAll(async () => {
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
    page = await chromium.newPage({ viewport: { width: 1366, height: 1000 }, acceptDownloads: true });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    await openScreen(page, 'Directory');
    const everyone = DEMO_PEOPLE.length + DEMO_INVITED_PEOPLE.length;
    await page.getByTestId('directory-total').filter({ hasText: new RegExp(`^\\s*${everyone}\\s*$`) }).waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
  });

  it('edits a user’s name, zone and permissions from the panel, and the audit log shows before and after', async () => {
    await openUser('jordan', 'Jordan Patel');
    const panel = page.getByTestId('user-panel');
    await panel.getByTestId('user-edit').click();
    const form = page.getByTestId('edit-user-form');
    expect(await form.getByLabel('Name').inputValue()).toBe('Jordan Patel');
    await form.getByLabel('Name').fill('Jordan Patel-Rao');
    await form.getByLabel('Time zone').fill('America/Denver');
    await form.getByLabel('Directory').selectOption({ label: 'Read only' });
    expect(await page.getByTestId('edit-permission-change').textContent()).toContain('Directory None → Read only');
    await form.getByTestId('edit-user-helpdesk').check();
    expect(await page.getByTestId('edit-permission-change').textContent()).toContain('Directory None → Read only; Helpdesk off → on');
    await expectNoSeriousA11yViolations(page, 'directory: edit user dialog');
    await screenshots(page, 'directory-edit-user');
    await page.getByTestId('edit-user-save').click();
    await form.waitFor({ state: 'hidden' });
    await panel.getByRole('heading', { name: 'Jordan Patel-Rao', exact: true }).waitFor();
    expect(await panel.textContent()).toContain('America/Denver');
    expect(await panel.textContent()).toContain('Directory: Read only; Helpdesk');

    await openScreen(page, 'Audit');
    await page.getByTestId('audit-action').selectOption('user.update');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.getByTestId('audit-grid').locator('[role="row"][data-seq]');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().click();
    expect(await page.getByTestId('audit-entry-after').textContent()).toContain('Jordan Patel-Rao');
    await openScreen(page, 'Directory');
  });

  it('opens the verified reset workflow filled in with the user', async () => {
    await openUser('camille', 'Camille Laurent');
    await page.getByTestId('user-panel').getByTestId('user-reset').click();
    await page.getByRole('heading', { level: 1, name: 'Reset' }).waitFor();
    expect(await page.getByTestId('reset-email').inputValue()).toBe('camille.laurent@northwind.example');
    await expect.poll(() => page.getByTestId('reset-target').textContent()).toContain('Camille Laurent');
    expect(await page.getByTestId('reset-target').textContent()).toContain('Authenticator app');
    expect(page.url()).not.toContain('email=');
    await expectNoSeriousA11yViolations(page, 'reset: opened from the directory panel');
    await openScreen(page, 'Directory');
  });

  it('deactivates and reactivates one user, each after a confirmation', async () => {
    await openUser('aoife', 'Aoife Byrne');
    const panel = page.getByTestId('user-panel');
    await panel.getByRole('button', { name: 'Deactivate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Aoife Byrne?' });
    expect(await dialog.textContent()).toContain('every session they have open ends now');
    await expectNoSeriousA11yViolations(page, 'directory: deactivate one user, confirmation');
    await dialog.getByTestId('confirm-action').click();
    await expect.poll(() => panel.getByTestId('user-status').textContent()).toContain('Reactivate…');
    await panel.getByTestId('user-status').click();
    const back = page.getByRole('dialog', { name: 'Reactivate Aoife Byrne?' });
    expect(await back.textContent()).toContain('will be able to sign in again');
    await back.getByTestId('confirm-action').click();
    await expect.poll(() => panel.getByTestId('user-status').textContent()).toContain('Deactivate…');
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('exports the selected users as CSV and deactivates them together', async () => {
    await page.getByTestId('directory-search').fill('lucía');
    await expect.poll(() => page.getByTestId('directory-grid').textContent()).toContain('Lucía García');
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('1');
    await page.getByTestId('directory-select').first().check();
    await page.getByTestId('directory-search').fill('thabo');
    await expect.poll(() => page.getByTestId('directory-grid').textContent()).toContain('Thabo Nkosi');
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('1');
    await page.getByTestId('directory-select').first().check();
    expect(await page.getByTestId('selected-count').textContent()).toBe('2 selected');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-selected').click()]);
    expect(download.suggestedFilename()).toMatch(/^directory-2-users-\d{4}-\d\d-\d\d\.csv$/);
    const lines = readFileSync((await download.path()) ?? '', 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^email,name,status,country,time_zone,/);
    expect(lines.slice(1, 3).map((line) => line.split(',')[0]).sort()).toEqual(['lucia.garcia@northwind.example', 'thabo.nkosi@northwind.example']);

    await page.getByTestId('deactivate-selected').click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate 2 users?' });
    await expectNoSeriousA11yViolations(page, 'directory: deactivate the selected, confirmation');
    await screenshots(page, 'directory-bulk-deactivate');
    await dialog.getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('0 selected');
    await page.getByTestId('directory-search').fill('thabo');
    await expect.poll(() => page.getByTestId('directory-grid').textContent()).toMatch(/Inactive/);
    await page.getByTestId('directory-search').fill('');
  });

  it('shows a read-only operator the panel’s actions disabled, with the reason', async () => {
    await actAs(page, 'riley.reader@northwind.example', 'Riley Reader');
    await openScreen(page, 'Directory');
    await openUser('giulia', 'Giulia Romano');
    const panel = page.getByTestId('user-panel');
    for (const id of ['user-reset', 'user-edit', 'user-status']) expect(await panel.getByTestId(id).isDisabled()).toBe(true);
    const notes = await panel.getByTestId('user-action-note').allTextContents();
    expect(notes).toEqual([
      'Resetting MFA needs Admin permission on both the Company Admin and Directory tools. Ask a company admin who has both.',
      'Changing the directory needs Standard or Admin permission on the Directory tool. Ask a company admin to do it for you or to raise your permission.',
    ]);
    const describedBy = await panel.getByTestId('user-edit').getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toBe(notes[1]);
    expect(await page.getByTestId('deactivate-selected').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-selected').isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'directory: read-only operator, panel actions disabled');
    await screenshots(page, 'directory-panel-read-only');
  });
});
