/**
 * The Dashboard in Chromium: enrollment by state as a chart, the countdown to enforcement in the admin's time, who
 * will be blocked (the same people the Directory lists with that filter), recent lockouts, and figures that keep
 * themselves current (as of when) with small shares shown as "<1 %".
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INVITED_PEOPLE, DEMO_PEOPLE } from '../../src-main/service/seed/demo-company';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Dashboard', () => {
  let webConsole: WebConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    browser = await launchBrowser();
    // A context of its own, so a second tab shares the session (the dashboard watches it change the directory).
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Paris' });
    page = await context.newPage();
    await page.goto(await webConsole.newLink());
    await page.getByTestId('enrollment-chart').waitFor();
    await expectNoSeriousA11yViolations(page, 'dashboard');
  });
  afterAll(async () => {
    await browser?.close();
    await webConsole?.stop();
  });

  it('draws enrollment by state with the counts in its accessible name', async () => {
    const label = (await page.getByTestId('enrollment-chart').getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^Enrollment by state\. /);
    const counts: Record<string, number> = Object.fromEntries(
      [...label.matchAll(/([A-Za-z ()]+): (\d+)/g)].map((m) => [m[1]?.replace(/^[ ,.]+/, '').trim() ?? '', Number(m[2])]),
    );
    expect(counts['Authenticator app']).toBeGreaterThan(0);
    expect(counts['Not enrolled']).toBeGreaterThan(0);
    const sum = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(await page.locator('figcaption').filter({ hasText: 'users in the directory' }).textContent()).toContain(`${sum} users in the directory`);
  });

  it('counts down to enforcement and names the instant in the admin’s zone and the deadline’s', async () => {
    const countdown = page.getByTestId('countdown');
    const first = await countdown.locator('.countdown__value').textContent();
    expect(first).toMatch(/^\d+ days \d+ h \d{2} min \d{2} s$/);
    await expect.poll(() => countdown.locator('.countdown__value').textContent(), { timeout: 5000 }).not.toBe(first);
    expect((await countdown.textContent())?.replace(/\s+/g, ' ')).toContain('your time (Europe/Paris)');
    expect(await countdown.textContent()).toContain('in America/New_York');
  });

  it('lists recent lockouts with the unlock time', async () => {
    const lockouts = page.getByRole('article', { name: 'Recent lockouts' });
    expect(await lockouts.textContent()).toContain('Lukas Becker');
    expect(await lockouts.textContent()).toContain('Locked until');
  });

  it('refreshes itself after a change made elsewhere, says as of when, and shows 1 user of 1,029 as <1 %', async () => {
    const asOf = page.getByTestId('dashboard-as-of');
    expect(await asOf.textContent()).toMatch(/Figures as of \d{2}:\d{2}:\d{2}.*\(Europe\/Paris\)/);
    const before = await asOf.textContent();
    const blocked = page.getByRole('region', { name: 'Users who will be blocked' });
    expect(await blocked.getAttribute('tabindex')).toBe('0');

    // Another tab imports users while this one shows the Dashboard: the demo people, the invited newcomers and the
    // imported ones make 1,029.
    const imported = 1029 - DEMO_PEOPLE.length - DEMO_INVITED_PEOPLE.length;
    const rows = ['email,name,country,time_zone'];
    for (let i = 0; i < imported; i++) rows.push(`field.worker${i}@northwind.example,Field Worker ${i},US,America/Denver`);
    const file = path.join(webConsole.dataDir, 'field.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const other = await page.context().newPage();
    await other.goto(`${webConsole.origin}/#/directory`);
    await other.getByTestId('import-file').setInputFiles(file);
    await other.getByTestId('import-check').click();
    await other.getByTestId('import-start').click();
    await other.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    await other.close();

    const caption = page.locator('figcaption').filter({ hasText: 'users in the directory' });
    await expect.poll(() => caption.textContent(), { timeout: 30_000 }).toContain('1029 users in the directory');
    expect(await asOf.textContent()).not.toBe(before);
    const values = (await page.getByTestId('enrollment-chart').locator('.enrollment-chart__value').allTextContents()).map((value) => value.trim());
    expect(values).toContain('1 (<1 %)');
    expect(values.join(' ')).not.toMatch(/\(0 ?%\)/);
    await expectNoSeriousA11yViolations(page, 'dashboard after a refresh');
  });

  it('says who will be blocked, and the Directory lists the same users', async () => {
    const blocked = await page.getByTestId('blocked-count').textContent();
    await page.getByRole('link', { name: 'See all of them in the directory' }).click();
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe(blocked);
    expect(await page.getByTestId('filter-blocked').isChecked()).toBe(true);
  });
});
