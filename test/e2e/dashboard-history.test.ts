/**
 * Issue 12 item 6 in Chromium: the Dashboard's "Enrollment over time" draws enrolled users day by day in the admin's
 * calendar (Europe/Paris here), marks today and the day enforcement begins, gives the figures as a table, and
 * redraws by itself when another tab resets someone's MFA (opened from that user's Directory panel).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Dashboard: enrollment over time', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
    const context = await chromium.newContext({ viewport: { width: 1366, height: 1000 }, timezoneId: 'Europe/Paris' });
    page = await context.newPage();
    await page.goto(await webConsole.newLink());
    await page.getByTestId('enrollment-history-chart').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
  });

  const todayFigure = async () => Number(await page.getByTestId('enrollment-history-table').locator('tbody tr').first().locator('td').nth(1).textContent());

  it('draws enrolled users day by day with today and the enforcement day marked, and the same figures as a table', async () => {
    const card = page.getByRole('article', { name: 'Enrollment over time' });
    const label = (await page.getByTestId('enrollment-history-chart').getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^Enrolled users day by day: \d+ on .+, (\d+) today; enforcement begins on .+\.$/);
    expect(await card.textContent()).toContain('Days end at midnight in Europe/Paris');
    expect(await page.getByTestId('enrollment-history-deadline').textContent()).toMatch(/^Enforcement /);
    await card.getByText('Show the figures as a table').click();
    const table = page.getByTestId('enrollment-history-table');
    expect(await table.getAttribute('tabindex')).toBe('0');
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(90);
    const today = await todayFigure();
    expect(label).toContain(`, ${today} today`);
    expect(await card.textContent()).toContain(`${today} users have MFA set up now`);
    await expectNoSeriousA11yViolations(page, 'dashboard: enrollment over time, table open');
    await screenshots(page, 'dashboard-enrollment-history', card);
  });

  it('redraws by itself when another tab resets someone’s MFA from their Directory panel', async () => {
    const before = await todayFigure();
    const other = await page.context().newPage();
    await other.goto(`${webConsole.origin}/#/directory`);
    await other.getByTestId('directory-search').fill('mia thompson');
    await expect.poll(() => other.getByTestId('directory-grid').textContent(), { timeout: 20_000 }).toContain('Mia Thompson');
    await expect.poll(() => other.getByTestId('directory-total').textContent(), { timeout: 20_000 }).toBe('1');
    await other.getByTestId('directory-grid').focus();
    await other.keyboard.press('Enter');
    await other.getByTestId('user-reset').click();
    await other.getByTestId('reset-target').waitFor();
    for (const id of ['callback', 'manager', 'ticket']) await other.getByTestId(`reset-check-${id}`).check();
    await other.getByLabel('Ticket number', { exact: true }).fill('HD-1212');
    await other.getByTestId('reset-verified').check();
    await other.getByTestId('reset-perform').click();
    await other.getByTestId('reset-result').waitFor();
    await other.close();
    await expect.poll(() => todayFigure(), { timeout: 30_000 }).toBe(before - 1);
    expect(await page.getByTestId('enrollment-history-chart').getAttribute('aria-label')).toContain(`, ${before - 1} today`);
  });
});
