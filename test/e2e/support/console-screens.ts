/** Moving around the console the way an admin does: by the navigation's links and the Settings screen's "Act as". */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './a11y';

/** Clicks the navigation link `name` and waits for the screen's heading of the same name. */
export async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** In Settings, acts as the operator `email` (shown as `name`) and waits until the console says so. */
export async function actAs(page: Page, email: string, name: string): Promise<void> {
  await openScreen(page, 'Settings');
  await page.getByLabel('Act as').selectOption(email);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.getByTestId('settings-operator').textContent(), { timeout: 20_000 }).toContain(name);
  await expectNoSeriousA11yViolations(page, `settings: acting as ${name}`, { once: true });
}
