/**
 * The simulator's demo tools in Chromium (R-CON-2, R-AUD-1): the demo user reset and every clock move ask first;
 * the clock says whose zone it shows; entries written while the clock is shifted are marked in the Audit view; a
 * read-only operator is told the demo tools need Admin on both tools.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { actAs } from './support/console-screens';
import { launchBrowser } from './support/browser';
import { clockForward, moveClock, openSimulator, play, resetDemoUser } from './support/simulator-page';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('simulator demo tools', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
    page = await chromium.newPage({ viewport: { width: 1366, height: 1000 } });
    await openSimulator(page, await webConsole.newLink());
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
  });

  const camille = () => page.getByTestId('sim-user-camille.laurent@northwind.example');

  it('asks before resetting a demo user to not enrolled', async () => {
    await play(page, 'Camille Laurent');
    expect(await camille().textContent()).not.toContain('Not enrolled');
    await page.getByRole('button', { name: 'Reset user to not enrolled…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset Camille Laurent to not enrolled?' });
    expect(await dialog.textContent()).toContain('loses their authenticator app, phone and recovery code');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await camille().textContent()).not.toContain('Not enrolled');
    await resetDemoUser(page);
    await expect.poll(() => camille().textContent()).toContain('Not enrolled');
  });

  it('names the zone the clock shows, asks before each move, and marks audit entries written while shifted', async () => {
    expect(await page.getByTestId('sim-clock-zone').textContent()).toBe("Company time, in Camille Laurent's time zone (Europe/Paris)");
    const before = await page.getByTestId('sim-clock-now').textContent();
    await page.getByRole('button', { name: 'Move forward…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: "Move the demo company's clock?" });
    expect(await dialog.textContent()).toContain('Every demo person follows this clock');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('sim-clock-now').textContent()).toBe(before);

    await clockForward(page, 120);
    await moveClock(page, 'Real time');
    await expect.poll(() => page.getByRole('button', { name: 'Real time…' }).isDisabled()).toBe(true);

    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByTestId('audit-action').selectOption('demo.clock_shifted');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.getByTestId('audit-grid').locator('[role="row"][data-seq]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).getByTestId('audit-simulated').count()).toBe(1);
    expect(await rows.nth(1).getByTestId('audit-simulated').count()).toBe(0);
    expect(await page.getByTestId('audit-simulated-legend').textContent()).toContain("Written while the demo company's clock was shifted");
    await rows.nth(0).click();
    expect(await page.getByTestId('audit-entry-simulated').textContent()).toContain("The demo company's clock was shifted");
  });

  it('tells a read-only operator that the demo tools need Admin on both tools', async () => {
    await actAs(page, 'riley.reader@northwind.example', 'Riley Reader');
    await page.getByRole('link', { name: 'Simulator', exact: true }).click();
    const refusal = page.getByTestId('sim-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('need Admin permission on both the Company Admin and Directory tools');
    await expectNoSeriousA11yViolations(page, 'simulator: demo tools refused to a read-only operator');
    expect(await page.getByRole('button', { name: /^Play / }).count()).toBe(0);
  });
});
