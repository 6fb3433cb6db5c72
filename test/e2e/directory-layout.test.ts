/**
 * The Directory on a 1,024 px window in Chromium: every column in view without sideways scrolling, the user panel
 * opening in view (and beside the table on 1,366 px), and stale users picked one by one for deactivation.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INVITED_PEOPLE, DEMO_PEOPLE } from '../../src-main/service/seed/demo-company';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Directory on a narrow window', () => {
  let webConsole: WebConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    await page.getByRole('link', { name: 'Directory', exact: true }).click();
    await page.getByTestId('directory-total').filter({ hasText: new RegExp(`^\\s*${DEMO_PEOPLE.length + DEMO_INVITED_PEOPLE.length}\\s*$`) }).waitFor({ timeout: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await webConsole?.stop();
  });

  /** Cells whose text does not fit their box (the name cell, after the selection box, ends its email in "…"). */
  const clippedCells = () =>
    page.getByTestId('directory-grid').evaluate((grid) => {
      const cells = Array.from(grid.querySelectorAll('[role="columnheader"], [role="gridcell"]:not(:nth-child(2))'));
      return cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1).map((cell) => cell.textContent?.trim());
    });

  /** How far the grid and the screen would scroll sideways (0 when everything fits). */
  const sideways = () =>
    page.evaluate(() => {
      const grid = document.querySelector('[role="grid"]');
      const main = document.querySelector('main');
      return [(grid?.scrollWidth ?? 0) - (grid?.clientWidth ?? 0), (main?.scrollWidth ?? 0) - (main?.clientWidth ?? 0)];
    });

  it('shows the selection box and all seven columns at 1,024 px, none cut off, without scrolling sideways', async () => {
    const grid = page.getByTestId('directory-grid');
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual([
      'Select',
      expect.stringContaining('Name'),
      'Status',
      'MFA',
      'Account type',
      expect.stringContaining('Country'),
      expect.stringContaining('Time zone'),
      expect.stringContaining('Last sign-in'),
    ]);
    expect(await sideways()).toEqual([0, 0]);
    expect(await clippedCells()).toEqual([]);
    const box = await grid.boundingBox();
    for (const header of await grid.getByRole('columnheader').all()) {
      const cell = await header.boundingBox();
      expect(cell && box && cell.x + cell.width <= box.x + box.width + 1).toBe(true);
    }
    await expectNoSeriousA11yViolations(page, 'directory at 1,024 px');
    await screenshots(page, 'directory-grid-newcomers', grid.getByText('Mateo Rossi'));
  });

  it('opens the user panel in view, with focus on it; Escape closes it and the grid has focus again', async () => {
    await page.getByTestId('directory-search').fill('camille');
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('1');
    await page.getByTestId('directory-grid').getByText('Camille Laurent').click();
    const panel = page.getByTestId('user-panel');
    await panel.waitFor();
    const box = await panel.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(768 / 2);
    expect(await panel.getByRole('button', { name: 'Deactivate…' }).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Camille Laurent');
    await expectNoSeriousA11yViolations(page, 'directory at 1,024 px, user panel open');

    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
    await page.getByTestId('directory-search').fill('');
  });

  it('puts the panel beside the table on a 1,366 px window, with every column still in view', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('directory-grid').getByText('Camille Laurent').click();
    const panel = page.getByTestId('user-panel');
    await panel.waitFor();
    const grid = await page.getByTestId('directory-grid').boundingBox();
    const beside = await panel.boundingBox();
    expect(grid && beside && beside.x >= grid.x + grid.width).toBe(true);
    expect(await sideways()).toEqual([0, 0]);
    expect(await clippedCells()).toEqual([]);
    await expectNoSeriousA11yViolations(page, 'directory at 1,366 px, user panel open');
    await panel.getByRole('button', { name: 'Close' }).click();
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  it('deactivates the stale users picked one by one, and leaves the others', async () => {
    const panel = page.getByTestId('stale-panel');
    const count = async () => Number(/(\d+) stale/.exec((await panel.getByTestId('stale-count').textContent()) ?? '')?.[1]);
    await expect.poll(count).toBeGreaterThan(2);
    const before = await count();
    const list = panel.getByTestId('stale-list');
    expect(await list.getAttribute('role')).toBe('region');
    expect(await list.getAttribute('tabindex')).toBe('0');
    const items = list.getByRole('listitem');
    const [first, second] = [(await items.nth(0).textContent())?.trim() ?? '', (await items.nth(2).textContent())?.trim() ?? ''];
    const nameOf = (text: string) => text.split(/ \S+@/)[0] ?? text;
    expect(await panel.getByTestId('deactivate-picked').isDisabled()).toBe(true);
    await items.nth(0).getByRole('checkbox').check();
    await items.nth(2).getByRole('checkbox').check();
    expect(await panel.getByTestId('deactivate-picked').textContent()).toContain('Deactivate 2 picked users');

    await panel.getByTestId('deactivate-picked').click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate 2 picked stale users?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(nameOf(first));
    expect(await dialog.textContent()).toContain(nameOf(second));
    await expectNoSeriousA11yViolations(page, 'directory: deactivate picked stale users?');
    await dialog.getByTestId('confirm-action').click();

    await expect.poll(count).toBe(before - 2);
    const left = (await list.textContent()) ?? '';
    expect(left).not.toContain(nameOf(first));
    expect(left).not.toContain(nameOf(second));
    expect(await panel.getByTestId('deactivate-picked').isDisabled()).toBe(true);
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('inactive');
    await expect.poll(() => page.getByTestId('directory-grid').textContent()).toContain(nameOf(first));
    expect(await page.getByTestId('directory-grid').textContent()).toContain(nameOf(second));
  });
});
