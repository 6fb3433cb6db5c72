/** Drives the Simulator screen the way a trainer does: by labels, buttons and what the simulated phone shows. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './a11y';

/** Opens the console at the Simulator screen and waits for the demo users. */
export async function openSimulator(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('link', { name: 'Simulator', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Demo users' }).waitFor();
  await expectNoSeriousA11yViolations(page, 'simulator', { once: true });
}

/** Clicks Play for a demo user and waits for the sign-in screen. */
export async function play(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Play ${name}` }).click();
  await screen(page, 'sign_in');
}

/** Waits until the simulated page shows the screen `kind`; the first time on a page, checks it with axe-core. */
export async function screen(page: Page, kind: string): Promise<void> {
  await page.locator(`[data-testid="sim-page"][data-screen="${kind}"][aria-busy="false"]`).waitFor({ timeout: 20_000 });
  await expectNoSeriousA11yViolations(page, `simulator: ${kind} screen`, { once: true });
}

/** The current screen kind. */
export async function currentScreen(page: Page): Promise<string | null> {
  return page.getByTestId('sim-page').getAttribute('data-screen');
}

/** The browser region with the end-user screens. */
export function browser(page: Page) {
  return page.getByRole('region', { name: 'End-user screens (simulated)' });
}

/** Signs in with the prefilled demo password. */
export async function signIn(page: Page): Promise<void> {
  await browser(page).getByRole('button', { name: 'Continue' }).click();
}

/** The code the phone's authenticator app shows now, digits only (as a person reads it off the phone). */
export async function phoneCode(page: Page): Promise<string> {
  await page.getByRole('tab', { name: 'Authenticator' }).click();
  const text = (await page.getByTestId('phone-code').first().textContent()) ?? '';
  return text.replace(/\s/g, '');
}

/** The 6-digit code in the newest text message on the phone. */
export async function latestSmsCode(page: Page, previous: number): Promise<string> {
  await page.getByRole('tab', { name: /Messages/ }).click();
  await expect.poll(() => page.getByTestId('phone-sms').count(), { timeout: 15_000 }).toBeGreaterThan(previous);
  const bodies = await page.getByTestId('phone-sms-body').allTextContents();
  const match = /\b(\d{6})\b/.exec(bodies[bodies.length - 1] ?? '');
  if (!match?.[1]) throw new Error(`no 6-digit code in the latest text message: ${bodies.join(' | ')}`);
  return match[1];
}

/** Types a code into the screen's code field and continues. */
export async function enterCode(page: Page, code: string): Promise<void> {
  await browser(page).getByTestId('sim-code-input').fill(code);
  await browser(page).getByRole('button', { name: 'Continue' }).click();
}

/** On "Save Your Recovery Code": reads the code, ticks the box, continues. Returns the code. */
export async function saveRecoveryCode(page: Page): Promise<string> {
  await screen(page, 'recovery_code');
  const code = (await page.getByTestId('sim-recovery-code').textContent())?.trim() ?? '';
  await page.getByLabel('I have securely saved this code').check();
  await browser(page).getByRole('button', { name: 'Continue' }).click();
  return code;
}

/** From the sign-in screen: signs in, takes "Set Up Now" when offered, picks `method` and waits for its set-up screen. */
export async function setUpNowWith(page: Page, method: 'app' | 'sms'): Promise<void> {
  await signIn(page);
  await page.locator('[data-testid="sim-page"][aria-busy="false"]').waitFor();
  const kind = await currentScreen(page);
  if (kind === 'setup_required' || kind === 'setup_optional') await browser(page).getByRole('button', { name: 'Set Up Now' }).click();
  await screen(page, 'select_method');
  await browser(page).getByLabel(method === 'app' ? /Authenticator App/ : /SMS Verification/).check();
  await browser(page).getByRole('button', { name: 'Continue' }).click();
  await screen(page, method === 'app' ? 'totp_setup' : 'sms_setup');
}

/** Enrolls the playing user with the authenticator app from the sign-in screen; returns the recovery code. */
export async function enrollWithApp(page: Page): Promise<string> {
  await setUpNowWith(page, 'app');
  await page.getByTestId('phone-scan').click();
  await enterCode(page, await phoneCode(page));
  return saveRecoveryCode(page);
}

/** Confirms the open confirmation dialog ("Move the clock", "Reset to not enrolled", …). */
export async function confirmDialog(page: Page): Promise<void> {
  await page.getByRole('dialog').getByTestId('confirm-action').waitFor();
  await expectNoSeriousA11yViolations(page, `simulator: dialog ${await page.getByRole('dialog').getByRole('heading').textContent()}`, { once: true });
  await page.getByRole('dialog').getByTestId('confirm-action').click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
}

/** Clicks one of the clock panel's moves ("Before the deadline", "After the deadline", "Real time") and confirms it. */
export async function moveClock(page: Page, move: 'Before the deadline' | 'After the deadline' | 'Real time'): Promise<void> {
  await page.getByRole('button', { name: `${move}…` }).click();
  await confirmDialog(page);
}

/** Moves the simulated clock forward by `minutes` with the presenter's control, confirming the move. */
export async function clockForward(page: Page, minutes: number): Promise<void> {
  const before = await page.getByTestId('sim-clock-now').textContent();
  await page.getByLabel('Move forward (minutes)').fill(String(minutes));
  await page.getByRole('button', { name: 'Move forward…', exact: true }).click();
  await confirmDialog(page);
  await expect.poll(() => page.getByTestId('sim-clock-now').textContent(), { timeout: 10_000 }).not.toBe(before);
  await page.locator('[data-testid="sim-page"][aria-busy="false"]').waitFor();
}

/** The presenter's "Reset user to not enrolled", confirmed; waits for the sign-in screen. */
export async function resetDemoUser(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Reset user to not enrolled…' }).click();
  await confirmDialog(page);
  await screen(page, 'sign_in');
}

/** A 6-digit code that is surely not the one shown (every digit shifted). */
export function wrongCode(code: string): string {
  return code.replace(/\d/g, (d) => String((Number(d) + 5) % 10));
}
