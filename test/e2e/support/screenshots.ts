/**
 * Screenshots of a screen at the two widths the console is checked at (1366 and 1024 px), for a person to look at.
 * Written under SCREENSHOT_DIR when it is set (nothing is written otherwise); the viewport is put back afterwards.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** The widths every changed screen is looked at. */
export const SCREENSHOT_WIDTHS = [1366, 1024] as const;

/** Saves `<name>-<width>.png` for each width when SCREENSHOT_DIR is set, with `focus` (if given) scrolled into view. */
export async function screenshots(page: Page, name: string, focus?: Locator): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  const original = page.viewportSize();
  for (const width of SCREENSHOT_WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await focus?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`) });
  }
  if (original) await page.setViewportSize(original);
}
