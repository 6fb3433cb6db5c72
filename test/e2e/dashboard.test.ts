/**
 * The Dashboard in Chromium: enrollment by state as a chart, the countdown to enforcement in the admin's time, who
 * will be blocked (the same people the Directory lists with that filter), and recent lockouts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Dashboard', () => {
  let console: WebConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    console = await startWebConsole();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Paris' });
    await page.goto(await console.newLink());
    await page.getByTestId('enrollment-chart').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await console?.stop();
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

  it('says who will be blocked, and the Directory lists the same users', async () => {
    const blocked = await page.getByTestId('blocked-count').textContent();
    await page.getByRole('link', { name: 'See all of them in the directory' }).click();
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe(blocked);
    expect(await page.getByTestId('filter-blocked').isChecked()).toBe(true);
  });
});
