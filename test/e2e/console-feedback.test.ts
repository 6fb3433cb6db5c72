/**
 * What the console tells people, in Chromium: audit details as a person reads them (names, times in the admin's
 * zone), the audit actor filter on part of a name or email, error banners that neither pile up nor follow the admin
 * to another screen, and Directory actions a read-only operator cannot take shown as such; Unlock asks first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INVITED_PEOPLE, DEMO_PEOPLE } from '../../src-main/service/seed/demo-company';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { actAs, openScreen } from './support/console-screens';
import { launchBrowser } from './support/browser';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('console feedback', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
    page = await chromium.newPage({ viewport: { width: 1366, height: 1000 } });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
  });

  async function openUser(search: string): Promise<void> {
    await page.getByTestId('directory-search').fill(search);
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('1');
    await page.getByTestId('directory-grid').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('user-panel').waitFor();
  }

  it('shows an audit entry as a person reads it, with times in the admin\'s zone', async () => {
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await openScreen(page, 'Audit');
    await page.getByTestId('audit-action').selectOption('mfa.lockout');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.getByTestId('audit-grid').locator('[role="row"][data-seq]');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().click();
    const after = await page.getByTestId('audit-entry-after').textContent();
    expect(after).toContain('Wrong codes in a row5');
    expect(after).toContain(`Locked until`);
    expect(after).toContain(`(${zone})`);
    // No raw epoch milliseconds or JSON; the hashes (hex, which may hold 13 digits in a row by chance) are left out.
    const readable = await page.getByTestId('audit-entry').evaluate((entry) => {
      const copy = entry.cloneNode(true) as HTMLElement;
      copy.querySelector('.audit-entry__hash')?.remove();
      return copy.textContent ?? '';
    });
    expect(readable).not.toMatch(/\d{13}|[{}"]/);
    const body = page.getByRole('region', { name: /^Entry \d+ in full$/ });
    expect(await body.getAttribute('tabindex')).toBe('0');
    await body.focus();
    expect(await body.evaluate((element) => element === document.activeElement)).toBe(true);
    await expectNoSeriousA11yViolations(page, 'audit: entry in full');
  });

  it('filters the audit log by part of an actor\'s name or email', async () => {
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Actor (name or email)').fill('CAMILLE');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const actors = () => page.getByTestId('audit-grid').locator('[role="row"][data-seq] [role="gridcell"]:nth-child(4)').allTextContents();
    // The unfiltered rows stay on screen until the filtered answer arrives: wait for the answer, not for any row.
    await expect.poll(async () => new Set(await actors()), { timeout: 20_000 }).toEqual(new Set(['camille.laurent@northwind.example']));
    await page.getByLabel('Actor (name or email)').fill('Laurent');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => new Set(await actors()), { timeout: 20_000 }).toEqual(new Set(['camille.laurent@northwind.example']));
  });

  it('keeps one error banner per failing action, and drops it when the admin moves to another screen', async () => {
    await openScreen(page, 'Directory');
    await page.getByTestId('directory-total').filter({ hasText: new RegExp(`^\\s*${DEMO_PEOPLE.length + DEMO_INVITED_PEOPLE.length}\\s*$`) }).waitFor({ timeout: 20_000 });
    const errors = page.getByRole('alert').filter({ hasText: 'Could not list the stale users' });
    await page.getByLabel('No sign-in for at least').fill('5000');
    await expect.poll(() => errors.count()).toBe(1);
    await page.getByLabel('No sign-in for at least').fill('5001');
    await page.getByLabel('No sign-in for at least').fill('5002');
    await expect.poll(() => errors.count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'directory: an error banner');
    await openScreen(page, 'Reset');
    expect(await page.getByRole('alert').filter({ hasText: 'Could not list the stale users' }).count()).toBe(0);
  });

  it('shows a read-only operator no enabled "Deactivate N stale users", nor user actions they may not take', async () => {
    await actAs(page, 'riley.reader@northwind.example', 'Riley Reader');
    await openScreen(page, 'Directory');
    const button = page.getByTestId('deactivate-stale');
    await expect.poll(() => button.textContent()).toMatch(/Deactivate all [1-9]\d* stale users/);
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByTestId('deactivate-picked').isDisabled()).toBe(true);
    expect(await page.getByTestId('stale-list').getByRole('checkbox').first().isDisabled()).toBe(true);
    expect(await page.getByTestId('stale-read-only').textContent()).toContain('needs Standard or Admin permission on the Directory tool');
    await openUser('lukas');
    const panel = page.getByTestId('user-panel');
    expect(await panel.getByRole('button', { name: 'Unlock MFA…' }).isDisabled()).toBe(true);
    expect(await panel.getByRole('button', { name: 'Deactivate…' }).isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'directory: a read-only operator, user panel open');
    expect(await page.getByTestId('add-user').isDisabled()).toBe(true);
    expect(await page.getByTestId('invite-selected').isDisabled()).toBe(true);
    expect(await page.getByTestId('invite-read-only').textContent()).toContain('needs Standard or Admin permission on the Directory tool');
    await panel.getByRole('button', { name: 'Close' }).click();
    // The search before also found one user: wait for the row itself, not for the total.
    await page.getByTestId('directory-search').fill('hana');
    await expect.poll(() => page.getByTestId('directory-grid').textContent()).toContain('Hana Sato');
    await page.getByTestId('directory-grid').focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('heading', { name: 'Hana Sato' }).waitFor();
    await expect.poll(() => panel.getByTestId('user-access').textContent(), { timeout: 20_000 }).toContain('Never invited');
    expect(await panel.getByTestId('user-invite').isDisabled()).toBe(true);
    await panel.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('directory-search').fill('');
    await expect.poll(async () => Number(await page.getByTestId('directory-total').textContent())).toBeGreaterThan(1);
  });

  it('asks before unlocking a user from the Directory', async () => {
    await actAs(page, 'avery.admin@northwind.example', 'Avery Admin');
    await openScreen(page, 'Directory');
    // Enabled once the operator and the stale count are known (both load when the screen opens).
    await expect.poll(() => page.getByTestId('deactivate-stale').isDisabled(), { timeout: 20_000 }).toBe(false);
    await openUser('lukas');
    const panel = page.getByTestId('user-panel');
    await panel.getByRole('button', { name: 'Unlock MFA…' }).click();
    const dialog = page.getByRole('dialog', { name: "Unlock Lukas Becker's verification?" });
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(page, 'directory: unlock dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await panel.getByTestId('user-lock').textContent()).toMatch(/^Verification is locked after too many wrong codes\. It unlocks by itself in \d+ minutes/);
    await panel.getByRole('button', { name: 'Unlock MFA…' }).click();
    await dialog.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => panel.textContent()).toContain('Not locked');
  });
});
