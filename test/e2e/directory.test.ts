/**
 * The Directory screen in Chromium: a CSV import with bad rows (progress, summary, bad rows by line, downloadable
 * error report), search over the cache, keyboard navigation of the virtualized grid, and stale-user deactivation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INVITED_PEOPLE, DEMO_PEOPLE } from '../../src-main/service/seed/demo-company';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Directory screen', () => {
  let webConsole: WebConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    await page.getByRole('link', { name: 'Directory', exact: true }).click();
    await page.getByTestId('directory-grid').waitFor();
    // On a first start the cache fills from the service shortly after the screen opens: wait for the whole demo.
    await page.getByTestId('directory-total').filter({ hasText: new RegExp(`^\\s*${DEMO_PEOPLE.length + DEMO_INVITED_PEOPLE.length}\\s*$`) }).waitFor({ timeout: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await webConsole?.stop();
  });

  const total = () => page.getByTestId('directory-total').textContent();

  it('imports a CSV with bad rows: good rows kept, bad ones listed by line, with a downloadable report', async () => {
    const rows = ['email,name,country,time_zone,account_type'];
    for (let i = 0; i < 300; i++) rows.push(`crew.member${i}@northwind.example,Crew Member ${i},US,America/Chicago,standard`);
    rows.splice(42, 0, 'not-an-email,Broken Row,US,America/Chicago,standard');
    rows.splice(100, 0, 'bad.zone@northwind.example,Bad Zone,US,Mars/Olympus,standard');
    const file = path.join(webConsole.dataDir, 'crew.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const before = Number(await total());

    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-check').click();
    const check = page.getByTestId('import-check-summary');
    await check.waitFor({ timeout: 60_000 });
    expect(await check.textContent()).toMatch(/302 rows — 300 to add, 0 to update, 0 would stay unchanged, 2 would be refused/);
    expect(Number(await total())).toBe(before);
    expect(await page.getByTestId('import-start').textContent()).toContain('Import 300 rows');
    await expectNoSeriousA11yViolations(page, 'directory: import checked');
    await page.getByTestId('import-start').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/302 rows — 300 added, 0 updated, 0 unchanged, 2 refused/);
    expect(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('value')).toBe(
      await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('max'),
    );
    const errorLines = await page.getByTestId('import-errors').locator('tbody tr td:first-child').allTextContents();
    expect(errorLines).toEqual(['43', '101']);
    await expectNoSeriousA11yViolations(page, 'directory: import done, refused rows listed');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
    expect(download.suggestedFilename()).toBe('crew-errors.csv');
    const report = readFileSync((await download.path()) ?? '', 'utf8').split('\r\n');
    expect(report[0]).toBe('line,email,problem');
    expect(report[1]).toMatch(/^43,not-an-email,/);
    expect(report[2]).toMatch(/^101,bad.zone@northwind.example,/);
    await expect.poll(async () => Number(await total())).toBe(before + 300);
  });

  it('lists who an import changes, matched in any letter case, and asks before it changes permissions', async () => {
    const rows = ['email,name,country,time_zone,directory', 'RILEY.READER@northwind.example,Riley Reader,US,America/Chicago,none', 'crew.member7@northwind.example,Crew Member Seven,US,America/Chicago,'];
    const file = path.join(webConsole.dataDir, 'changes.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-check').click();
    const check = page.getByTestId('import-check-summary');
    await check.waitFor({ timeout: 60_000 });
    expect(await check.textContent()).toMatch(/2 rows — 0 to add, 2 to update/);
    expect(await page.getByTestId('import-permission-count').textContent()).toContain('1 row gives or changes admin-tool permissions; you confirm them before they apply');
    const changes = page.getByTestId('import-changes');
    expect(await changes.locator('tbody tr').first().textContent()).toContain('Directory: Read only → None');
    expect(await changes.locator('tbody tr').nth(1).textContent()).toContain('Name: Crew Member 7 → Crew Member Seven');
    await screenshots(page, 'directory-import-check', page.getByTestId('import-changes'));

    await page.getByTestId('import-start').click();
    const dialog = page.getByRole('dialog', { name: 'Import and change permissions?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('RILEY.READER@northwind.example (line 2): Directory: Read only → None');
    await expectNoSeriousA11yViolations(page, 'directory: confirm permission changes');
    await screenshots(page, 'directory-import-confirm');
    await dialog.getByTestId('confirm-action').click();
    const summary = page.getByTestId('import-summary');
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toMatch(/2 rows — 0 added, 2 updated, 0 unchanged, 0 refused/);
    expect(await page.getByTestId('import-changes').textContent()).toContain('People this import changed');
    await expectNoSeriousA11yViolations(page, 'directory: import done, people it changed');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-changes-report').click()]);
    expect(download.suggestedFilename()).toBe('changes-changes.csv');
    const report = readFileSync((await download.path()) ?? '', 'utf8');
    expect(report).toContain('2,RILEY.READER@northwind.example,updated,directory,read_only,none');
    expect(report).toContain('3,crew.member7@northwind.example,updated,name,Crew Member 7,Crew Member Seven');
  });

  it('searches the cached directory as one types and opens a user from the keyboard', async () => {
    await page.getByTestId('directory-search').fill('crew member 29');
    await expect.poll(total).toBe('13');
    await page.getByTestId('directory-search').fill('crew.member29@');
    await expect.poll(total).toBe('1');
    await page.getByTestId('directory-search').fill('sofia');
    await expect.poll(() => page.getByTestId('directory-grid').textContent()).toContain('Sofía Hernández');
    expect(await total()).toBe('1');
    await page.getByTestId('directory-grid').focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('user-panel');
    await panel.waitFor();
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe('Sofía Hernández');
    await expectNoSeriousA11yViolations(page, 'directory: user panel');
    await panel.getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('directory-search').fill('');
    await expect.poll(async () => Number(await total())).toBeGreaterThan(300);
    const grid = page.getByTestId('directory-grid');
    await grid.focus();
    await page.keyboard.press('End');
    await expect.poll(() => grid.getAttribute('aria-activedescendant')).toMatch(/-row-\d{3}$/);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => grid.getAttribute('aria-activedescendant')).toMatch(/-row-1$/);
  });

  it('says in the user panel when a lock ends, as triage and the Reset screen say it', async () => {
    await page.getByTestId('directory-search').fill('lukas becker');
    await expect.poll(total).toBe('1');
    await page.getByTestId('directory-grid').focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('user-panel');
    await panel.waitFor();
    const lock = (await panel.getByTestId('user-lock').textContent()) ?? '';
    expect(lock).toMatch(/^Verification is locked after too many wrong codes\. It unlocks by itself in \d+ minutes: at \d\d:\d\d on .* your time \(/);
    await screenshots(page, 'directory-user-lock', panel);
    await panel.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('directory-search').fill('');
  });

  it('deactivates the stale users after a confirmation that says how many, never the people just imported', async () => {
    // The 4 stale demo users and the invited ones (added long ago, never signed in); the 300 imported ones never
    // signed in but were added today, so they are not stale.
    const stale = 4 + DEMO_INVITED_PEOPLE.length;
    const panel = page.getByTestId('stale-panel');
    await expect.poll(() => panel.getByTestId('stale-count').textContent()).toMatch(new RegExp(`^\\s*${stale} stale users`));
    await panel.getByTestId('deactivate-stale').click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate the stale users?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`${stale} users with no sign-in for 90 days or more`);
    await expectNoSeriousA11yViolations(page, 'directory: deactivate all stale users?');
    await dialog.getByTestId('confirm-action').click();
    await expect.poll(() => panel.getByTestId('stale-count').textContent()).toMatch(/^\s*0 stale users/);
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('inactive');
    await expect.poll(total).toBe(String(stale + 2));
  });
});
